"""Attack submissions (tests/tamper/) graded end to end, as an instructor does.

Each file of tests/tamper/ is one task file written by a cheating student with
the kit's source at hand: it forges, repeats, reorders or deletes record
events, switches the guard off, reads the hidden files through every door,
writes to the submission or the kit, signals the grader, or connects out. Its
header says the task, the points an honest version of it gets, and what must
hold.

The attacks are graded with `mpkit grade DIR --out results.json --html
report.html` (a subprocess) from a copy of the kit whose solutions, graders
and manifest carry a random canary (in their text and in the name of a file
in each hidden folder). Several attacks of different tasks share one
submission (the others' files are reference solutions). For every attack:
- its task scores at most the honest points (no attack gains a point);
- the canary is in no output (results.json, the HTML report, stdout, stderr),
  nor is the "TAMPER-WON" an attack raises when a door opened for it;
- the submission folder and the kit copy are byte-identical afterwards
  (content, mode and modification time);
- no process of the grading is left (a marker in the environment of `mpkit grade`,
  which every process of every run inherits, found by scanning /proc);
- the TCP listener the test runs on 127.0.0.1 got no connection.
"""
from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import KIT, copy_kit, make_submission, read_header

from mpkit.kit.manifest import load_manifest

HERE = Path(__file__).resolve().parent / "tamper"
MANIFEST = load_manifest(KIT / "config" / "manifest.yaml")
WON = "TAMPER-WON"
MARK = "TAMPER_TEST_MARK"
WITHOUT_LANDLOCK = [sys.executable, str(Path(__file__).resolve().parent / "without_landlock.py")]
GRADINGS_AT_ONCE = 2  # the machine may have 2 cores, and each grading runs several runs at once


@dataclass(frozen=True)
class Attack:
    path: Path
    task: str
    honest: float
    holds: str
    alone: bool
    xfail: str
    tampered: bool | str  # the kit must find its record forged ("program": another program run): the task scores zero
    no_landlock: bool = False  # graded as on a kernel without Landlock (tests/without_landlock.py): the audit hook alone
    leak: str = ""  # hidden text (not on the canary's line) that must be in no output

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def file(self) -> str:
        return MANIFEST.task(self.task).file


def _max_points(task_id: str) -> float:
    return float(sum(c.points for c in MANIFEST.task(task_id).checks))


# Attacks held only by a layer this machine lacks (header "needs:"): shown as skipped, with why.
UNHELD_HERE: list[tuple[Path, str]] = []


def _missing(needs: str) -> str | None:
    if needs.startswith("the shared-memory watch"):
        from mpkit.sandbox import observer, uffd

        return observer.unavailable() or uffd.unavailable()
    raise AssertionError(f"unknown header value needs: {needs}")


def load_attacks() -> list[Attack]:
    attacks = []
    for path in sorted(HERE.glob("*.py")):
        head = read_header(path)
        assert {"attack", "task", "honest", "holds"} <= set(head), f"{path.name}: incomplete header"
        missing = _missing(head["needs"]) if "needs" in head else None
        if missing:
            UNHELD_HERE.append((path, f"held by {head['needs'].split(' (')[0]}, missing here: {missing}"))
            continue
        task = MANIFEST.task(head["task"])
        assert task is not None, f"{path.name}: unknown task {head['task']}"
        honest = _max_points(task.id) if head["honest"] == "full" else float(head["honest"])
        assert 0 <= honest <= _max_points(task.id), path.name
        no_landlock = head.get("landlock") == "off"
        # xfail_since: the Python that brought the door (before it, the attack simply holds)
        since = head.get("xfail_since", "").split()
        if since and sys.version_info[:2] < tuple(int(n) for n in since[0].split(".")):
            head.pop("xfail", None)
        attacks.append(Attack(path, task.id, honest, head["holds"],
                              head.get("alone") == "yes" or "xfail" in head or no_landlock,
                              head.get("xfail", ""), {"yes": True, "program": "program"}.get(head.get("tampered", ""), False), no_landlock, head.get("leak", "")))
    return attacks


def pack(attacks: list[Attack]) -> list[tuple[Attack, ...]]:
    """Submissions of at most one attack per task; `alone` ones (and those
    expected to fail) by themselves, so that they cannot spoil the others."""
    groups: list[list[Attack]] = []
    for attack in attacks:
        if attack.alone:
            groups.append([attack])
            continue
        home = next((g for g in groups if not g[0].alone and attack.task not in {a.task for a in g}), None)
        if home is None:
            groups.append(home := [])
        home.append(attack)
    return [tuple(g) for g in groups]


ATTACKS = load_attacks()
GROUPS = pack(ATTACKS)
GROUP_OF = {a.name: i for i, g in enumerate(GROUPS) for a in g}


def canary_kit(folder: Path, canary: str) -> Path:
    """A kit copy whose every hidden file holds the canary, and whose hidden
    folders each hold a file named after it."""
    kit = copy_kit(folder)
    hidden = [kit / "solutions", kit / "graders", kit / "config"]
    for part in hidden:
        for path in sorted(part.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".yaml"):
                path.write_text(f"# {canary}\n" + path.read_text())
        (part / f"{canary}.txt").write_text(canary + "\n")
    return kit


def snapshot(*folders: Path) -> dict:
    """Every file and folder under the folders: content hash, mode, mtime."""
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if "__pycache__" in path.parts:
                continue
            st = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
            found[str(path)] = (digest, st.st_mode, st.st_mtime_ns)
    return found


class Listener:
    """A TCP server on 127.0.0.1 that counts the connections it gets."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self):
        self.sock.close()


def marked_processes(name: str, value: str) -> list:
    """Living processes whose environment (as started) holds name=value, read
    from /proc: everything `mpkit grade` started (the launcher, every run and
    every child of every run) inherits the mark, so after the grading ends
    there must be none, whatever its session, group or parent."""
    entry = f"{name}={value}".encode()
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                if f.read().rsplit(b")", 1)[1].split()[0] == b"Z":
                    continue
            with open(f"/proc/{pid}/environ", "rb") as f:
                if entry not in f.read().split(b"\0"):
                    continue
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                found.append((int(pid), f.read().replace(b"\0", b" ").decode(errors="replace")[:200]))
        except (OSError, IndexError):
            continue
    return found


@dataclass
class Graded:
    returncode: int
    results: dict
    outputs: dict  # name -> text of every output of the grading
    changed: list  # files of the submission or the kit that differ afterwards
    left: list  # processes of the grading still alive
    seconds: float


def _grade(index: int, root: Path, kit: Path) -> Graded:
    group = GROUPS[index]
    folder = root / f"group{index}"
    submission = make_submission(folder / "submission", {a.file: a.path.read_text() for a in group})
    out, html = folder / "results.json", folder / "report.html"
    before = snapshot(submission, kit)
    mark = uuid.uuid4().hex
    env = {**os.environ, MARK: mark}
    started = time.monotonic()
    wrap = WITHOUT_LANDLOCK if group[0].no_landlock else []
    done = subprocess.run([*wrap, sys.executable, "-m", "mpkit.cli", "--kit", str(kit), "grade", str(submission),
                           "--out", str(out), "--html", str(html)],
                          cwd=kit, env=env, capture_output=True, text=True, timeout=300)
    seconds = time.monotonic() - started
    deadline = time.monotonic() + 3  # a process killed a moment ago may still be on its way out
    while (left := marked_processes(MARK, mark)) and time.monotonic() < deadline:
        time.sleep(0.1)
    after = snapshot(submission, kit)
    changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
    outputs = {"stdout": done.stdout, "stderr": done.stderr}
    for path in (out, html):
        outputs[path.name] = path.read_text(errors="replace") if path.exists() else ""
    results = json.loads(outputs["results.json"]) if outputs["results.json"] else {}
    return Graded(done.returncode, results, outputs, changed, left, seconds)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Every group graded once: {group index: Graded}, and the canary."""
    root = tmp_path_factory.mktemp("tamper")
    canary = "canary-" + uuid.uuid4().hex
    kit = canary_kit(root / "mpkit-hostile-kit", canary)
    listener = Listener()
    os.environ["TAMPER_PORT"] = str(listener.port)  # the runs inherit the grader's environment
    try:
        # Attacks graded without Landlock may change the shared kit copy: they go last, one at a time,
        # so that no other grading sees their change.
        last = [i for i, g in enumerate(GROUPS) if g[0].no_landlock]
        with ThreadPoolExecutor(max_workers=GRADINGS_AT_ONCE) as pool:
            futures = {i: pool.submit(_grade, i, root, kit) for i in range(len(GROUPS)) if i not in last}
            found = {i: f.result() for i, f in futures.items()}
        found.update({i: _grade(i, root, kit) for i in last})
    finally:
        os.environ.pop("TAMPER_PORT", None)
        listener.close()
    return found, canary, listener.connections


def _task_score(results: dict, task_id: str) -> float:
    return sum(t["score"] for t in results.get("tests", []) if t["extra_data"]["task"] == task_id)


def _messages(results: dict, task_id: str) -> str:
    return "\n".join(t.get("output", "") for t in results.get("tests", []) if t["extra_data"]["task"] == task_id)


def _landlock() -> bool:
    from mpkit.sandbox import kernel

    return bool(kernel.probe()[0])


def _params():
    for attack in ATTACKS:
        marks = [pytest.mark.xfail(strict=True, reason=attack.xfail)] if attack.xfail else []
        yield pytest.param(attack, id=attack.name, marks=marks)
    for path, why in UNHELD_HERE:
        yield pytest.param(None, id=path.stem, marks=[pytest.mark.skip(reason=why)])


@pytest.mark.parametrize("attack", list(_params()))
def test_attack_gains_nothing_and_leaks_nothing(attack, graded):
    found, canary, connections = graded
    group = GROUPS[GROUP_OF[attack.name]]
    g = found[GROUP_OF[attack.name]]
    for name, text in g.outputs.items():  # first: a grader error (exit code 3) is how these leak
        assert not attack.leak or attack.leak not in text, f"hidden text is in {name}: {attack.leak!r}"
    assert g.returncode == 0, g.outputs["stderr"][-3000:]
    score = _task_score(g.results, attack.task)
    assert score <= attack.honest, (
        f"{attack.name} scored {score}, an honest version {attack.honest}:\n{_messages(g.results, attack.task)}")
    if attack.tampered:
        from mpkit.sandbox.crosscheck import TAMPERED

        said = "a program other than multiprocessing's own Python" if attack.tampered == "program" else TAMPERED
        checks = [t for t in g.results["tests"] if t["extra_data"]["task"] == attack.task]
        assert score == 0 and checks and all(said in t["output"] for t in checks), _messages(g.results, attack.task)
    for name, text in g.outputs.items():
        assert canary not in text, f"the canary of the hidden files is in {name}"
        assert not attack.leak or attack.leak not in text, f"hidden text is in {name}: {attack.leak!r}"
        assert WON not in text, f"a door opened for an attack ({name}): {text[text.find(WON) - 200:][:1500]}"
    assert not g.changed, f"changed by grading: {g.changed}"
    assert not g.left, f"processes of the grading still alive: {g.left}"
    assert connections == 0, "a graded run connected out over TCP"
    if _landlock() and not attack.no_landlock:  # with the kernel layer no attack reaches another task
        for task in MANIFEST.tasks:
            if task.id not in {a.task for a in group}:
                assert _task_score(g.results, task.id) == _max_points(task.id), (
                    task.id, _messages(g.results, task.id))


def test_the_corpus_is_large_and_covers_every_task():
    assert len(ATTACKS) >= 30
    assert {a.task for a in ATTACKS} == {t.id for t in MANIFEST.tasks}
    kinds = {a.name[0] for a in ATTACKS}
    assert set("fgrwsn") <= kinds, kinds


def test_the_process_scan_finds_a_marked_process():
    """The scan above can fail: a process started with the mark is found,
    until it has ended."""
    mark = uuid.uuid4().hex
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], env={**os.environ, MARK: mark})
    try:
        # Its environment is the marked one once it has exec'd (a moment after Popen returns, on a busy machine).
        deadline = time.monotonic() + 10
        while not marked_processes(MARK, mark) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [pid for pid, _ in marked_processes(MARK, mark)] == [child.pid]
    finally:
        child.kill()
        child.wait()
    assert marked_processes(MARK, mark) == []


WAITS = """
import multiprocessing, os, time

def quick():
    pass

def waited():
    p = multiprocessing.Process(target=quick)
    p.start()
    os.waitpid(p.pid, 0)  # past the recorder: no join() call is recorded
    q = multiprocessing.Process(target=quick)
    q.start()
    q.join()
    return [p.pid, q.pid]

def polled():
    p = multiprocessing.Process(target=quick)
    p.start()
    while os.waitpid(p.pid, os.WNOHANG)[0] == 0:  # a poll loop until it has ended: a wait
        time.sleep(0.01)
    q = multiprocessing.Process(target=quick)
    q.start()
    q.join()
    return [p.pid, q.pid]

def looked():
    p = multiprocessing.Process(target=time.sleep, args=(0.5,))
    p.start()
    os.waitpid(p.pid, os.WNOHANG)  # finds it running: no wait
    q = multiprocessing.Process(target=quick)
    q.start()
    q.join()
    p.join()
    return [p.pid, q.pid]
"""


def test_a_wait_the_recorder_did_not_see_counts_as_a_wait_and_a_poll_in_vain_does_not(tmp_path):
    """The kernel's waits that reported a child's end (sandbox/crosscheck.add_kernel_waits)
    are the parent's waits: a child waited for with os.waitpid, blocking or in
    a poll loop, before the next start shows a wait before that start; one
    polled once while it still ran shows none."""
    from mpkit.sandbox import observer
    from mpkit.sandbox.runner import Limits, RunSpec, run

    if observer.unavailable():
        pytest.skip(observer.unavailable())
    path = tmp_path / "waits.py"
    path.write_text(WAITS)
    for function, counted in (("waited", True), ("polled", True), ("looked", False)):
        record = run(RunSpec(function=function, start_method="fork"), path, Limits(time_limit=20, observe=True))
        first, second = (record.procs[pid] for pid in record.first("call_end")["value"])
        assert record.tampered is None, record.tampered
        waits = [(t, n) for by, t, n in first.join_calls if by == record.main_pid]
        if counted:
            assert waits and min(waits) < second.start_seq, (function, first.join_calls)
        else:
            assert not [w for w in waits if w < second.start_seq], (function, first.join_calls)


FREE_FORM = sorted((HERE / "free_form").glob("*.py"))


def _free_form_params():
    for path in FREE_FORM:
        reason = read_header(path).get("xfail")
        yield pytest.param(path, id=path.stem, marks=[pytest.mark.xfail(strict=True, reason=reason)] if reason else [])


@pytest.mark.parametrize("path", list(_free_form_params()))
def test_free_form_attack_gains_nothing(path, tmp_path):
    """tests/tamper/free_form/: answers graded with `mpkit grade --free-form`
    (an exported notebook each); `task:` and `honest:` start with the task id
    and the points."""
    head = read_header(path)
    task, honest = head["task"].split()[0], float(head["honest"].split()[0])
    out = tmp_path / "results.json"
    done = subprocess.run([sys.executable, "-m", "mpkit.cli", "--kit", str(KIT), "grade", "--free-form", str(path),
                           "--out", str(out)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    leak = head.get("leak")
    if leak:  # first: a grader error (exit code 3) is how these leak
        assert leak not in (out.read_text() if out.exists() else "") + done.stdout + done.stderr, (
            f"hidden text in the output: {leak!r}")
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text())
    score = _task_score(results, task)
    assert score <= honest, f"{path.stem} scored {score}, an honest version {honest}:\n{_messages(results, task)}"
    assert WON not in out.read_text() + done.stdout + done.stderr
