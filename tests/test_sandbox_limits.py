"""The sandbox's limits and guard, each shown on a real run of a small file."""
from __future__ import annotations

import json
import os
import textwrap
import time
from pathlib import Path

import pytest
from conftest import run_processes_with

from mpkit.sandbox.record import RunRecord, load
from mpkit.sandbox.runner import Limits, RunSpec, is_root, platform_notes, run

MARK = "SANDBOX_TEST_MARK"


def task(tmp_path: Path, source: str, name: str = "task.py") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def test_fork_bomb_is_stopped_by_the_process_count_even_as_root(tmp_path, monkeypatch):
    """Root ignores RLIMIT_NPROC; the kit counts the processes of a run
    itself: a fork bomb is stopped at the cap, long before its time limit,
    and none of its processes survives."""
    monkeypatch.setenv(MARK, str(tmp_path))
    path = task(tmp_path, """
        import os

        def bomb():
            while True:
                try:
                    os.fork()
                except OSError:
                    pass
    """)
    started = time.monotonic()
    record = run(RunSpec(function="bomb", start_method="fork"), path, Limits(time_limit=30, processes=16))
    assert record.limit_hit == "processes"
    assert time.monotonic() - started < 15
    # Each process checks the count before it forks, so processes that check
    # at the same moment can each add one more: at most twice the cap.
    assert len(record.procs) <= 2 * 16
    assert run_processes_with(MARK, str(tmp_path)) == []


def test_spawned_processes_count_too(tmp_path):
    """Processes started without a fork (spawn) are counted at birth."""
    path = task(tmp_path, """
        import multiprocessing, time

        def nap():
            time.sleep(5)

        def many():
            ps = [multiprocessing.Process(target=nap) for _ in range(12)]
            for p in ps:
                p.start()
            for p in ps:
                p.join()
    """)
    record = run(RunSpec(function="many", start_method="spawn"), path, Limits(time_limit=30, processes=6))
    assert record.limit_hit == "processes"
    assert not record.timed_out


def test_root_is_told_once_that_rlimit_nproc_does_not_apply():
    notes = platform_notes()
    said = [n for n in notes if "RLIMIT_NPROC" in n]
    assert len(said) == (1 if is_root() else 0)


def test_memory_bomb_gets_memory_error(tmp_path):
    path = task(tmp_path, """
        def hog():
            return len([0] * 10**9)
    """)
    record = run(RunSpec(function="hog", start_method="fork"), path, Limits(time_limit=20))
    assert record.first("call_error")["error"]["type"] == "MemoryError"


def test_open_files_are_limited(tmp_path):
    path = task(tmp_path, """
        import os
        kept = []

        def hoard():
            for _ in range(5000):
                kept.append(open(os.devnull))
    """)
    record = run(RunSpec(function="hoard", start_method="fork"), path, Limits(time_limit=20, open_files=64))
    error = record.first("call_error")["error"]
    assert error["type"] == "OSError" and "Too many open files" in error["message"]


def test_huge_output_is_cut_and_the_run_stopped(tmp_path):
    """Past the output limit the run is stopped; the first part is kept and
    the record says the output was cut."""
    path = task(tmp_path, """
        import sys

        def chatter():
            print("first line")
            while True:
                sys.stdout.write("x" * 1023 + "\\n")
    """)
    record = run(RunSpec(function="chatter", start_method="fork"), path,
                 Limits(time_limit=20, file_size=1024**2))
    assert record.limit_hit == "output"
    assert not record.timed_out
    out = record.main.out
    assert out.cut and out.size <= 1024**2 and out.text.startswith("first line\n")


GUARDED = """
    import os, shutil, signal, subprocess

    def attempt(action):
        try:
            action()
        except PermissionError as exc:
            return "refused: " + str(exc)
        return "done"

    def read(path):
        with open(path) as f:
            f.read()

    def write(path):
        with open(path, "w") as f:
            f.write("x")

    def tamper(hidden, readonly, grader_pid):
        return {
            "read hidden": attempt(lambda: read(os.path.join(hidden, "answers.txt"))),
            "list hidden": attempt(lambda: os.listdir(hidden)),
            "write readonly": attempt(lambda: write(os.path.join(readonly, "task.py"))),
            "delete readonly": attempt(lambda: os.remove(os.path.join(readonly, "task.py"))),
            "write work folder": attempt(lambda: write("scratch.txt")),
            "read readonly": attempt(lambda: read(os.path.join(readonly, "task.py"))),
            "copy readonly to work folder": attempt(lambda: shutil.copyfile(os.path.join(readonly, "task.py"), "t.py")),
            "hard-link hidden into work folder": attempt(lambda: os.link(os.path.join(hidden, "answers.txt"), "a")),
            "rename readonly": attempt(lambda: os.rename(os.path.join(readonly, "task.py"), "stolen.py")),
            "kill grader": attempt(lambda: os.kill(grader_pid, 0)),
            "kill everyone": attempt(lambda: os.kill(-1, 0)),
            "run a program": attempt(lambda: subprocess.run(["true"])),
            "write record": attempt(lambda: write(os.path.join(os.environ["MPKIT_RUN_DIR"], "rec", "1.jsonl"))),
        }
"""


def test_guard_refuses_tampering_and_allows_the_work_folder(tmp_path):
    hidden, readonly = tmp_path / "hidden", tmp_path / "submission"
    hidden.mkdir()
    readonly.mkdir()
    (hidden / "answers.txt").write_text("secret")
    path = task(readonly, GUARDED)
    spec = RunSpec(function="tamper", args=(str(hidden), str(readonly), os.getpid()), start_method="fork")
    record = run(spec, path, Limits(time_limit=20, hidden=(str(hidden),), readonly=(str(readonly),)))
    outcome = record.first("call_end")["value"]["$dict"]
    outcome = dict((k, v) for k, v in outcome)
    allowed = {"write work folder", "read readonly", "copy readonly to work folder"}
    for action, result in outcome.items():
        assert (result == "done") == (action in allowed), (action, result)
    assert "may not read the grader's files" in outcome["read hidden"]
    assert "may not signal the grader" in outcome["kill grader"]
    assert (hidden / "answers.txt").read_text() == "secret" and (readonly / "task.py").exists()


def _write_record(run_dir: Path, name: str, events: list) -> None:
    (run_dir / "rec" / name).write_text("".join(json.dumps(e) + "\n" for e in events))


@pytest.mark.parametrize(
    "forgery",
    [
        ("42.jsonl", {"e": "call_end", "pid": 42, "t": 5, "n": 3, "value": 7}),  # a second call_end
        ("42.jsonl", {"e": "probe", "pid": 43, "t": 5, "n": 4}),  # another process's pid
        ("42.jsonl", {"e": "probe", "pid": 42, "t": 5, "n": 1}),  # a sequence number seen before
        ("results.json", {"score": 100}),  # a file the recorder never makes
    ],
    ids=["second-call-end", "foreign-pid", "reused-number", "alien-file"],
)
def test_forged_record_lines_are_detected(tmp_path, forgery):
    (tmp_path / "rec").mkdir()
    real = [{"e": "born", "pid": 42, "t": 1, "n": 0}, {"e": "run_start", "pid": 42, "t": 2, "n": 1},
            {"e": "call_end", "pid": 42, "t": 3, "n": 2, "value": 1}]
    _write_record(tmp_path, "42.jsonl", real)
    assert load(tmp_path, RunRecord(mode="call", start_method="fork", time_limit=1)).damaged == []
    name, line = forgery
    with open(tmp_path / "rec" / name, "a") as f:
        f.write(json.dumps(line) + "\n")
    assert load(tmp_path, RunRecord(mode="call", start_method="fork", time_limit=1)).damaged


@pytest.mark.parametrize(
    "record, says",
    [
        (RunRecord(mode="call", start_method="fork", time_limit=1, main_pid=5), "record of the run is missing"),
        (RunRecord(mode="call", start_method="fork", time_limit=1, main_pid=5, damaged=["5.jsonl: forged"]),
         "written or changed by something else"),
    ],
    ids=["missing", "damaged"],
)
def test_a_run_without_an_intact_record_fails_its_checks(tmp_path, record, says):
    """A missing or damaged record is a failed check, never a pass."""
    from concurrent.futures import Future

    from mpkit.checks.api import CheckFailed
    from mpkit.kit.manifest import load_manifest
    from mpkit.engine.scheduler import Scheduler
    from mpkit.engine.task_runs import TaskRuns

    task = load_manifest(Path(__file__).resolve().parent.parent / "config" / "manifest.yaml").task("q1")
    scheduler = Scheduler(tmp_path)
    done = Future()
    done.set_result(record)
    scheduler._futures[(task.id, "call")] = done  # as if the run had just ended with this record
    runs = TaskRuns(task, {"call": RunSpec(function="child_pid")}, scheduler)
    try:
        with pytest.raises(CheckFailed, match=says):
            runs.returned("call")
    finally:
        scheduler.close()
