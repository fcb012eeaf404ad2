"""Which programs a run may exec (sandbox/programs.py), on multiprocessing's
own command lines and on real processes; and the observer killing the rest
at their exec, in real runs."""
from __future__ import annotations

import multiprocessing.spawn
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from mpkit.sandbox import crosscheck, observer, programs
from mpkit.sandbox.runner import Limits, RunSpec, run

SPAWN = multiprocessing.spawn.get_command_line(tracker_fd=5, pipe_handle=7)[1:]  # the library's own, options too
FORKSERVER = ["-B", "-c", "from multiprocessing.forkserver import main; main(3, 4, ['__main__'], "
              "**{'sys_path': ['/x'], 'main_path': None})"]
TRACKER = ["-B", "-c", "from multiprocessing.resource_tracker import main;main(4)"]


@pytest.mark.parametrize("args", [SPAWN, FORKSERVER, TRACKER, ["-X", "dev", "-Wignore", *TRACKER]])
def test_multiprocessings_own_commands_may_run(args):
    assert programs._command(args) is None


@pytest.mark.parametrize("args, why", [
    (["-I", *TRACKER[1:]], "without the run's settings (-I)"),
    (["-sS", *TRACKER[1:]], "without the run's settings (-sS)"),
    (["-E", *SPAWN], "without the run's settings (-E)"),
    (["-X", "pycache_prefix=/tmp/x", *SPAWN], "bytecode from elsewhere"),
    (["-c", "import os; os.system('id')"], "a command of its own"),
    (["-c", TRACKER[2] + "; import os"], "a command of its own"),
    (["-c", TRACKER[2].replace("main(4)", "main(__import__('os').system('id'))")], "a command of its own"),
    (["task.py"], "a program of its own"),
    (["-m", "http.server"], "a program of its own"),
    ([], "no command"),
])
def test_anything_else_may_not(args, why):
    assert why in programs._command(args)


@pytest.fixture
def sleeper():
    """Start a real process; the test reads it as the observer would at its exec."""
    started = []

    def start(argv, env):
        process = subprocess.Popen(argv, env=env)
        started.append(process)
        # Popen returns once the exec has closed its pipe, which is before the new
        # program's arguments are in place; the observer reads at the exec's end.
        deadline = time.monotonic() + 10
        while not Path(f"/proc/{process.pid}/cmdline").read_bytes() and time.monotonic() < deadline:
            time.sleep(0.001)
        return process.pid

    yield start
    for process in started:
        process.kill()
        process.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_real_process_is_read_from_proc(sleeper):
    python = os.path.realpath(sys.executable)
    env = {**os.environ, "PYTHONPATH": "/boot", "MPKIT_RUN_TOKEN": "t"}
    own = sleeper([sys.executable, "-c", "import time; time.sleep(30)"], env)
    other = sleeper(["/bin/sleep", "30"], env)
    changed = sleeper([sys.executable, *TRACKER[:1], "-c", "import time; time.sleep(30)"],
                      {**env, "PYTHONPATH": "/elsewhere"})
    assert "with a command of its own" in programs.foreign(own, python, env)
    assert "another program: /bin/sleep 30" in programs.foreign(other, python, env)
    assert "a command of its own" in programs.foreign(changed, python, env)
    assert programs._settings({**env, "PYTHONPATH": "/elsewhere"}, env) == "with PYTHONPATH changed"
    assert programs._settings({k: v for k, v in env.items() if k != "MPKIT_RUN_TOKEN"}, env) == \
        "with MPKIT_RUN_TOKEN changed"
    assert programs._settings(dict(env), env) is None


OBSERVED = Limits(time_limit=20, observe=True)
SPAWNING = """
    import multiprocessing, os

    def child():
        print("child")

    def start():
        {before}
        process = multiprocessing.get_context("spawn").Process(target=child)
        process.start()
        process.join()
        return process.exitcode
"""


@pytest.mark.skipif(observer.unavailable() is not None, reason=f"{observer.unavailable()}")
@pytest.mark.parametrize("before, killed", [
    ("pass", False),
    ("os.environ['PYTHONPYCACHEPREFIX'] = os.getcwd()", True),
    ("from multiprocessing import util; util.spawnv_passfds(b'/bin/true', [b'/bin/true'], [])", True),
])
def test_the_observer_kills_at_its_exec_what_may_not_run(tmp_path, before, killed):
    path = tmp_path / "task.py"
    path.write_text(textwrap.dedent(SPAWNING.format(before=before)), encoding="utf-8")
    record = run(RunSpec(function="start"), path, OBSERVED)
    assert bool(record.kernel.foreign) == killed, record.kernel.foreign
    if killed:
        assert record.tampered.startswith(crosscheck.PROGRAM)
        assert "stopped before it ran" in crosscheck.failure(record.tampered)["observed"]
    else:
        assert record.tampered is None and record.first("call_end")["value"] == 0
