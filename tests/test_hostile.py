"""Broken and hostile submissions (tests/hostile/) graded end to end.

Each corpus file replaces one task file of the reference solutions; files of
different tasks share a submission. Every submission is graded twice, as a
student does (`pytest graders/ --submission DIR`) and as an instructor does
(`mpkit grade DIR`), against a throwaway copy of the kit with 3 s time limits.
For each: the task scores what the corpus says, the other tasks score full
marks, the messages say what happened, grading ends in time, the kit and the
submission are left as they were, and no process of the run is alive.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import KIT, copy_kit, make_submission, mpkit, read_header, run_graders, run_processes_with, statuses

from mpkit.kit.manifest import load_manifest

HOSTILE = Path(__file__).resolve().parent / "hostile"
MANIFEST = load_manifest(KIT / "config" / "manifest.yaml")
TIME_LIMIT = 3
# Grading a submission may take the sum of its tasks' time limits plus this
# (interpreter start-up, spawn children, a loaded machine).
MARGIN = float(os.environ.get("MPKIT_HOSTILE_MARGIN", "30"))
MARK = "HOSTILE_TEST_MARK"  # in the environment of everything a grading here starts


@dataclass(frozen=True)
class Hostile:
    path: Path
    task: str
    fails: frozenset
    says: tuple
    alone: bool
    hangs: bool

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def file(self) -> str:
        return MANIFEST.task(self.task).file


def load_corpus() -> list[Hostile]:
    corpus = []
    for path in sorted(HOSTILE.glob("*.py")):
        head = read_header(path)
        task = MANIFEST.task(head.get("task", ""))
        assert task is not None and {"hostile", "fails", "says"} <= set(head), f"{path.name}: incomplete header"
        every = {c.id for c in task.checks}
        fails = head["fails"]
        if fails == "all":
            failing = every
        elif fails == "runs":
            failing = {c for c in every if not c.startswith("quiz_")}
        elif fails == "none":
            failing = set()
        else:
            failing = set(fails.split())
            assert failing <= every, f"{path.name}: unknown checks {failing - every}"
        says = tuple(s.strip() for s in head["says"].split("|") if s.strip())
        corpus.append(Hostile(path, task.id, frozenset(failing), says, head.get("alone") == "yes",
                              head.get("hangs") == "yes"))
    return corpus


def pack(corpus: list[Hostile]) -> list[tuple[Hostile, ...]]:
    """Submissions of hostile files: at most one per task, `alone` ones by themselves."""
    groups: list[list[Hostile]] = []
    for hostile in corpus:
        if hostile.alone:
            groups.append([hostile])
            continue
        home = next((g for g in groups if not g[0].alone and hostile.task not in {h.task for h in g}), None)
        if home is None:
            groups.append(home := [])
        home.append(hostile)
    return [tuple(g) for g in groups]


CORPUS = load_corpus()
GROUPS = pack(CORPUS)


def expected_statuses(group) -> dict:
    """{"q3.one_child": "passed", ...} for a submission of these files."""
    wanted = {}
    for task in MANIFEST.tasks:
        hostile = next((h for h in group if h.task == task.id), None)
        for c in task.checks:
            wanted[f"{task.id}.{c.id}"] = "failed" if hostile and c.id in hostile.fails else "passed"
    return wanted


def task_score(task_id: str, wanted: dict) -> float:
    task = MANIFEST.task(task_id)
    return sum(c.points for c in task.checks if wanted[f"{task_id}.{c.id}"] == "passed")


def fingerprint(*folders: Path) -> dict:
    """Content hash of every file under the folders."""
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def scorecard_scores(stdout: str) -> dict:
    """{"q3": 2.0, ...} from the scorecard `pytest graders/` prints."""
    found = {}
    for match in re.finditer(r"^(?:ok|  ) (q\d+)  .*?\s(\d+(?:\.\d+)?) / (\d+(?:\.\d+)?)$", stdout, re.M):
        found[match.group(1)] = float(match.group(2))
    return found


def scorecard_section(stdout: str, task_id: str) -> str:
    lines, inside = [], False
    for line in stdout.splitlines():
        if re.match(r"^(?:ok|  ) q\d+  ", line):
            inside = line[3:].startswith(task_id + " ")
        elif line.startswith("---"):
            inside = False
        if inside:
            lines.append(line)
    return "\n".join(lines)


def kit_for(group, folder: Path) -> Path:
    """A throwaway kit copy (the corpus only ever tampers with a kit whose path
    says "mpkit-hostile-kit") where the tasks of files that hang have 3 s time
    limits, so a hang costs 3 s; the others keep the manifest's limits, so a
    loaded machine cannot push code that works past its limit."""
    kit = copy_kit(folder / "mpkit-hostile-kit")
    path = kit / "config" / "manifest.yaml"
    data = yaml.safe_load(path.read_text())
    for task in data["tasks"]:
        if task["id"] in {h.task for h in group if h.hangs}:
            task["time_limit"] = TIME_LIMIT
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return kit


# (group index) -> {check: status} from `mpkit grade`, for the determinism test.
FIRST_GRADES: dict = {}


def grade_both_ways(submission: Path, kit: Path, out: Path, monkeypatch) -> tuple:
    """Grade with `pytest graders/` and with `mpkit grade`; return both outputs,
    their durations, and the processes still alive after each."""
    mark = uuid.uuid4().hex
    monkeypatch.setenv(MARK, mark)
    started = time.monotonic()
    student = run_graders(submission, kit)
    student_time = time.monotonic() - started
    student_alive = run_processes_with(MARK, mark)
    started = time.monotonic()
    done = mpkit("--kit", kit, "grade", submission, "--out", out, cwd=kit)
    instructor_time = time.monotonic() - started
    instructor_alive = run_processes_with(MARK, mark)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text())
    return student, student_time, student_alive, results, instructor_time, instructor_alive


@pytest.mark.parametrize("index", range(len(GROUPS)), ids=["+".join(h.name for h in g) for g in GROUPS])
def test_hostile_submission_is_graded_safely(index, tmp_path, monkeypatch):
    """If a submission holds broken or hostile task files, then each of those
    tasks loses exactly the checks the corpus names, with messages in the
    student's words, and everything else is graded as usual, in time, with no
    process left and no file of the kit or the submission changed."""
    group = GROUPS[index]
    kit = kit_for(group, tmp_path)
    submission = make_submission(tmp_path / "submission", {h.file: h.path.read_text() for h in group})
    out = tmp_path / "results.json"
    before = fingerprint(kit, submission)
    student, student_time, student_alive, results, instructor_time, instructor_alive = grade_both_ways(
        submission, kit, out, monkeypatch
    )
    wanted = expected_statuses(group)
    budget = sum(load_manifest(kit / "config" / "manifest.yaml").task(t.id).time_limit for t in MANIFEST.tasks) + MARGIN

    # mpkit grade: statuses, scores and messages.
    got = statuses(results)
    wrong = {k: (got.get(k), v) for k, v in wanted.items() if got.get(k) != v}
    assert not wrong, f"(got, wanted) per check: {wrong}"
    assert results["score"] == sum(task_score(t.id, wanted) for t in MANIFEST.tasks)
    for hostile in group:
        said = "\n".join(t["output"] for t in results["tests"] if t["extra_data"]["task"] == hostile.task)
        for phrase in hostile.says:
            assert phrase in said, f"{hostile.name}: {phrase!r} not in the messages:\n{said}"

    # pytest graders/: the same scores on the scorecard, one TOTAL, the same words.
    assert student.stdout.count("TOTAL ") == 1, student.stdout[-3000:]
    scores = scorecard_scores(student.stdout)
    assert scores == {t.id: task_score(t.id, wanted) for t in MANIFEST.tasks}, student.stdout[-3000:]
    for hostile in group:
        section = scorecard_section(student.stdout, hostile.task)
        for phrase in hostile.says:
            assert phrase in section, f"{hostile.name}: {phrase!r} not in the scorecard:\n{section}"

    assert student_time < budget and instructor_time < budget, (student_time, instructor_time)
    assert not student_alive and not instructor_alive, (student_alive, instructor_alive)
    assert fingerprint(kit, submission) == before, "a file of the kit or the submission was changed"
    FIRST_GRADES[index] = got


def test_corpus_covers_every_task_and_is_large_enough():
    assert len(CORPUS) >= 30
    assert {h.task for h in CORPUS} == {t.id for t in MANIFEST.tasks}
    assert all(h.says for h in CORPUS)


RUNS = int(os.environ.get("MPKIT_DETERMINISM_RUNS", "2"))


@pytest.mark.slow
@pytest.mark.timeout(300 * RUNS)
def test_grading_is_deterministic(tmp_path):
    """Grading the corpus and the solutions again and again gives the same
    statuses every time (MPKIT_DETERMINISM_RUNS times in all: 2 in CI, 20 by
    hand). The gradings of the test above count as the first round."""
    submissions = {}
    for i, group in enumerate(GROUPS):
        folder = tmp_path / f"group{i}"
        submission = make_submission(folder / "submission", {h.file: h.path.read_text() for h in group})
        submissions[f"group{i}"] = (kit_for(group, folder), submission)
    submissions["solutions"] = (kit_for((), tmp_path / "solutions"), make_submission(tmp_path / "solutions" / "sub"))
    first = {f"group{i}": got for i, got in FIRST_GRADES.items()}
    needed = {name: RUNS - (1 if name in first else 0) for name in submissions}
    for round_ in range(RUNS):
        for name, (kit, submission) in submissions.items():
            if round_ >= needed[name]:
                continue
            done = mpkit("--kit", kit, "grade", submission, cwd=kit)
            assert done.returncode == 0, done.stderr[-3000:]
            results = json.loads(done.stdout)
            got = statuses(results)
            if name not in first:
                first[name] = got
                continue
            changed = {k: (first[name][k], v) for k, v in got.items() if first[name].get(k) != v}
            said = [t["output"][:500] for t in results["tests"]
                    if f"{t['extra_data']['task']}.{t['extra_data']['check']}" in changed][:3]
            assert not changed, f"{name}, grading {round_ + 1}: (before, now) {changed}; said: {said}"
    assert all(v == "passed" for v in first["solutions"].values())
