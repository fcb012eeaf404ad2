"""The launcher forks each run's main process from a pre-started interpreter
(Linux). A run started that way must be indistinguishable, to the student's
code and to the grader, from one started as a fresh interpreter."""
from __future__ import annotations

import json
import os
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import EXERCISES, SOLUTIONS, grade, run_processes_with, statuses

from mpkit.sandbox import launcher
from mpkit.sandbox.runner import Limits, RunSpec, run

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the launcher is Linux only")

LOOK_AROUND = """
    import multiprocessing, os, signal

    def environ_of(pid):
        with open(f"/proc/{pid}/environ", "rb") as f:
            entries = f.read().split(b"\\0")
        return sorted(e.split(b"=", 1)[0].decode() for e in entries if e.startswith(b"MPKIT_"))

    def token_of(pid):
        with open(f"/proc/{pid}/environ", "rb") as f:
            entries = dict(e.split(b"=", 1) for e in f.read().split(b"\\0") if b"=" in e)
        return entries.get(b"MPKIT_RUN_TOKEN", b"").decode()

    def child(queue):
        queue.put(token_of(os.getpid()))

    def look():
        fds = sorted(int(fd) for fd in os.listdir("/proc/self/fd"))  # before the queue's pipes
        queue = multiprocessing.Queue()
        p = multiprocessing.Process(target=child, args=(queue,))
        p.start()
        child_token = queue.get()
        p.join()
        try:
            os.kill(os.getppid(), signal.SIGKILL)
            parent = "signalled"
        except PermissionError:
            parent = "refused"
        return {
            "token": token_of(os.getpid()),
            "child_token": child_token,
            "env_token": os.environ["MPKIT_RUN_TOKEN"],
            "run_dir_set": bool(os.environ.get("MPKIT_RUN_DIR")),
            "session_leader": os.getsid(0) == os.getpid(),
            "fds": fds,
            "cwd": os.path.basename(os.getcwd()),
            "parent": parent,
            "authkey": bytes(multiprocessing.current_process().authkey).hex(),
        }
"""


def task(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "task.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def looked(record) -> dict:
    value = record.first("call_end")["value"]
    return {k: v for k, v in value["$dict"]} if isinstance(value, dict) else value


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_launched_run_carries_its_own_token_and_nothing_of_the_launcher(tmp_path, method):
    record = run(RunSpec(function="look", start_method=method), task(tmp_path, LOOK_AROUND))
    seen = looked(record)
    assert record.exit_code == 0 and record.main.via == "exec"
    # The reaper and the guard read the token from /proc: the one the run was given.
    assert len(seen["token"]) == 32 and seen["token"] != "0" * 32
    assert seen["token"] == seen["env_token"] == seen["child_token"]
    assert seen["run_dir_set"] and seen["session_leader"] and seen["cwd"] == "work"
    # stdin, stdout, stderr, the recorder's file and the one listing them: not the launcher's socket.
    assert len(seen["fds"]) == 5 and seen["fds"][:3] == [0, 1, 2]
    # The launcher is outside the run: the student's code may not signal it.
    assert seen["parent"] == "refused"


def test_each_launched_run_gets_its_own_token_and_authkey(tmp_path):
    path = task(tmp_path, LOOK_AROUND)
    first, second = (looked(run(RunSpec(function="look", start_method="fork"), path)) for _ in range(2))
    assert first["token"] != second["token"]
    assert first["authkey"] != second["authkey"]


def test_the_launcher_is_not_taken_for_a_run(tmp_path):
    run(RunSpec(function="look", start_method="fork"), task(tmp_path, LOOK_AROUND))
    pids = [l.process.pid for l in launcher._launchers.values() if l.process.poll() is None]
    assert pids
    for pid in pids:
        with open(f"/proc/{pid}/environ", "rb") as f:
            environ = f.read()
        assert b"MPKIT_RUN_TOKEN=" not in environ and b"MPKIT_NOT_A_RUN=" + b"0" * 32 in environ


def test_a_fresh_interpreter_records_the_same_run(tmp_path, monkeypatch):
    """MPKIT_LAUNCHER=0 (and any platform but Linux) starts a fresh interpreter:
    the record must not depend on which way the run was started."""
    path = task(tmp_path, LOOK_AROUND)
    launched = run(RunSpec(function="look", start_method="fork"), path)
    monkeypatch.setenv("MPKIT_LAUNCHER", "0")
    assert launcher.get(dict(os.environ), Path("unused")) is None
    fresh = run(RunSpec(function="look", start_method="fork"), path)
    a, b = looked(launched), looked(fresh)
    for key in ("run_dir_set", "session_leader", "cwd", "parent", "fds"):
        assert a[key] == b[key], key
    # Only launched runs are watched by the kernel observer, which the run notes ("observed").
    assert [e["e"] for e in launched.events if e["pid"] == launched.main_pid and e["e"] != "observed"] == \
        [e["e"] for e in fresh.events if e["pid"] == fresh.main_pid]
    # sys.argv as the student's code sees it: the harness, then the run's spec.
    assert [launched.main.argv[1], Path(launched.main.argv[2]).name] == [fresh.main.argv[1], "spec.json"]


def test_exit_codes_and_time_limits_are_those_of_the_run(tmp_path):
    path = task(tmp_path, """
        import os, sys, time

        if __name__ == "__main__":
            sys.exit(int(os.environ.get("CODE", "3")))

        def hang():
            time.sleep(60)
    """)
    assert run(RunSpec(mode="program"), path).exit_code == 3
    started = time.monotonic()
    record = run(RunSpec(function="hang", start_method="fork"), path, Limits(time_limit=1))
    assert record.timed_out and time.monotonic() - started < 10
    assert record.exit_code == -9  # killed, as the launcher saw it end


NAPS = """
    import time

    def nap():
        time.sleep(60)

    def quick():
        return 1

    def escape():
        import os

        if os.fork() == 0:  # a child that leaves the run's session
            os.setsid()
            time.sleep(60)
            os._exit(0)
        time.sleep(60)
"""
HARNESS = Path(launcher.__file__).with_name("boot") / "_mpkit_harness.py"


def launch_request(tmp_path: Path, name: str, function: str, env: dict) -> dict:
    """What the runner asks the launcher for: one run of `function` in task.py."""
    run_dir = tmp_path / name
    for sub in ("rec", "out", "work"):
        (run_dir / sub).mkdir(parents=True)
    spec = run_dir / "spec.json"
    spec.write_text(json.dumps({"mode": "call", "file": str(tmp_path / "task.py"), "module": "task",
                                "function": function, "args": [], "kwargs": {}, "start_method": "fork",
                                "limits": {}}))
    return {"spec": str(spec), "env": {**env, "MPKIT_RUN_TOKEN": name[0] * 32, "MPKIT_RUN_DIR": str(run_dir)},
            "cwd": str(run_dir / "work"), "stdout": str(run_dir / "stdout"), "stderr": str(run_dir / "stderr")}


def marked_runs(tmp_path: Path) -> list:
    return [pid for pid, _ in run_processes_with("LAUNCHER_TEST", str(tmp_path))]


def wait_for(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)


def test_runs_still_going_end_when_the_grader_goes(tmp_path):
    """The launcher stops its runs when the grading process closes it (or
    dies), and what they started, even outside their session."""
    task(tmp_path, NAPS)
    env = {**os.environ, "LAUNCHER_TEST": str(tmp_path)}
    own = launcher.Launcher(env, HARNESS)
    request = launch_request(tmp_path, "1-escape", "escape", env)
    proc = own.start(request["spec"], request["env"], request["cwd"], request["stdout"], request["stderr"])
    wait_for(lambda: len(marked_runs(tmp_path)) == 2)  # the run and its child, which left its session
    assert proc.pid in marked_runs(tmp_path) and len(marked_runs(tmp_path)) == 2
    own.close()
    own.process.wait(timeout=10)
    wait_for(lambda: not marked_runs(tmp_path))
    assert marked_runs(tmp_path) == []


def test_runs_end_when_the_grader_dies_without_reading_the_launchers_news(tmp_path):
    """A grader that dies (or is frozen, then killed) with the launcher's
    reports unread resets the socket: the launcher must still stop its runs."""
    import socket
    import subprocess

    task(tmp_path, NAPS)
    env = {**os.environ, "LAUNCHER_TEST": str(tmp_path), "MPKIT_NOT_A_RUN": "0" * 32}
    ours, theirs = socket.socketpair()
    server = subprocess.Popen([sys.executable, str(HARNESS), "--serve", str(theirs.fileno())],
                              env={k: v for k, v in env.items() if k != "MPKIT_RUN_TOKEN"},
                              pass_fds=[theirs.fileno()], start_new_session=True)
    theirs.close()
    for n, (name, function) in enumerate((("1-nap", "nap"), ("2-quick", "quick"))):
        request = launch_request(tmp_path, name, function, env)
        ours.sendall(json.dumps({"id": n, **request}).encode() + b"\n")
    wait_for(lambda: (tmp_path / "2-quick" / "rec").exists() and any(
        b"run_end" in f.read_bytes() for f in (tmp_path / "2-quick" / "rec").iterdir()))
    time.sleep(0.5)  # the quick run's end is reported, and left unread
    wait_for(lambda: len(marked_runs(tmp_path)) == 1)
    assert len(marked_runs(tmp_path)) == 1  # the nap
    ours.close()  # unread data: the launcher's next recv() fails with ECONNRESET
    server.wait(timeout=10)
    wait_for(lambda: not marked_runs(tmp_path))
    assert marked_runs(tmp_path) == []


def test_a_launcher_that_cannot_work_here_hands_runs_back(tmp_path):
    """Where the launcher finds it cannot fork runs (no pidfd, say), it says
    so and ends; each run then starts a fresh interpreter."""
    fake = tmp_path / "fake_harness.py"
    fake.write_text("import socket, sys\n"
                    "socket.socket(fileno=int(sys.argv[2])).sendall(b'{\"unavailable\": \"no pidfd here\"}\\n')\n")
    own = launcher.Launcher(dict(os.environ), fake)
    env = {**os.environ, "MPKIT_RUN_TOKEN": "2" * 32}
    assert own.start(tmp_path / "spec.json", env, tmp_path, tmp_path / "out", tmp_path / "err") is None
    assert own.unavailable == "no pidfd here"
    assert own.start(tmp_path / "spec.json", env, tmp_path, tmp_path / "out", tmp_path / "err") is None


def test_a_stuck_launcher_does_not_hang_the_grading(tmp_path, monkeypatch):
    """A launcher that stops answering is given up on: the run starts a fresh
    interpreter instead, and the next run gets a new launcher."""
    import signal

    path = task(tmp_path, LOOK_AROUND)
    run(RunSpec(function="look", start_method="fork"), path)
    stuck = [l for l in launcher._launchers.values() if l.process.poll() is None]
    assert len(stuck) == 1
    os.kill(stuck[0].process.pid, signal.SIGSTOP)
    monkeypatch.setattr(launcher, "START_TIMEOUT", 1.0)
    import threading

    done = []
    worker = threading.Thread(target=lambda: done.append(run(RunSpec(function="look", start_method="fork"), path)),
                              daemon=True)  # a hang fails the test instead of hanging it
    worker.start()
    worker.join(20)
    assert done, "the run hung on a stopped launcher"
    record = done[0]
    assert record.exit_code == 0 and record.main.ppid == os.getpid()  # a fresh interpreter, ours
    assert stuck[0].process.poll() is not None  # the stuck launcher was stopped for good
    again = run(RunSpec(function="look", start_method="fork"), path)
    assert again.exit_code == 0 and again.main.ppid != os.getpid()  # a new launcher forked it


@pytest.mark.parametrize("submission", [SOLUTIONS, EXERCISES], ids=["solutions", "stubs"])
def test_grading_without_the_launcher_gives_the_same_verdicts(submission, monkeypatch):
    """Where there is no launcher (macOS, Windows) every run starts a fresh
    interpreter: each check must end the same either way."""
    launched = statuses(grade(submission))
    monkeypatch.setenv("MPKIT_LAUNCHER", "0")
    assert statuses(grade(submission)) == launched
    if submission == SOLUTIONS:
        assert set(launched.values()) == {"passed"}
