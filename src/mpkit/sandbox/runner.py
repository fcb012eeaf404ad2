"""Run one task file of a submission in a fresh, limited, recorded interpreter.

The student's code never runs in the grading process. Each run gets its own
temporary directory (record, per-process output), its own session, a wall
clock limit, resource limits, and a sweep afterwards that leaves no process
of it alive.
"""
from __future__ import annotations

import functools
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import crosscheck, holds, kernel
from . import launcher as launchers
from . import observer as observers
from . import reaper
from .record import RunRecord, load, read_raw_streams, remove_tree
from .spec import Limits, RunSpec, is_root

LIMIT_MARK = "limit-"  # run_dir/out/limit-<name>, made by boot/_mpkit_guard.py

BOOT_DIR = Path(__file__).with_name("boot")
PACKAGE_DIR = BOOT_DIR.parent.parent  # src/mpkit: student code may not change the kit's code
POLL = 0.05  # seconds between looks at a running run (limits, time)
# Seconds the harness may still take once the student's code has returned in
# time: its grace for children left running (2 s) and stopping them.
AFTER_RETURN = 3.0
HARNESS = BOOT_DIR / "_mpkit_harness.py"
# os.cpu_count() in every graded process, whatever the machine: a verdict on
# Pool() without a size must not depend on where it is graded.
CPU_COUNT = 6

# Variables that would change how the student's interpreter behaves.
_DROPPED_ENV = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUNBUFFERED", "PYTHONINSPECT",
                "PYTHONSAFEPATH", "PYTHONNOUSERSITE", "PYTHONWARNINGS", "PYTHONDEVMODE",
                "PYTEST_ADDOPTS", "PYTEST_CURRENT_TEST", "COV_CORE_SOURCE")


def _observing(limits: Limits) -> bool:
    # On by default; MPKIT_OBSERVE=0 turns it off (the results then say so).
    wanted = limits.observe if limits.observe is not None else os.environ.get("MPKIT_OBSERVE", "1") != "0"
    return bool(wanted) and launchers.enabled() and observers.unavailable() is None


def _not_observed(record: RunRecord, limits: Limits) -> str:
    if record.kernel is not None:
        return record.kernel.problem or "the observer's record of the run is incomplete"
    if limits.observe is False or (limits.observe is None and os.environ.get("MPKIT_OBSERVE", "1") == "0"):
        return "MPKIT_OBSERVE=0"
    if not launchers.enabled():
        return "only runs forked by the launcher are observed (MPKIT_LAUNCHER=0, or not Linux)"
    return observers.unavailable() or "the run was not started by the launcher"


def platform_notes(limits: Limits | None = None) -> list[str]:
    """Limits this platform cannot apply, and what the kit does instead."""
    limits = limits or Limits()
    notes = []
    try:
        import resource  # noqa: F401
    except ImportError:
        notes.append(
            "this platform has no `resource` module, so memory and open files of a run are not limited; "
            "time, output size and the number of processes still are"
        )
    if is_root() and limits.processes:
        notes.append(
            "running as root: the operating system's limit on processes (RLIMIT_NPROC) does not apply to root, "
            f"so the kit counts the processes each run starts and stops a run that tries to start more than "
            f"{limits.processes}"
        )
    notes.extend(recorder_notes())
    return notes


def recorder_notes() -> list[str]:
    """One line if the recorder's assumptions about multiprocessing's internals
    do not hold on this Python (the runs use the grader's own interpreter)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_mpkit_compat", BOOT_DIR / "_mpkit_compat.py")
    compat = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compat)
    problems = compat.problems()
    if not problems:
        return []
    version = ".".join(map(str, sys.version_info[:3]))
    return [f"recorder: on Python {version}, {'; '.join(problems)}; the kit was not made for this Python: "
            "checks that rely on what is not recorded may fail wrongly"]


def _protected_pids() -> list[int]:
    """The grading process and its ancestors: student code may not signal them."""
    import psutil

    me = psutil.Process()
    pids = [me.pid]
    try:
        pids += [p.pid for p in me.parents()]
    except psutil.Error:
        pass
    return pids


def _is_helper(proc) -> bool:
    from .record import HELPER_MARKERS

    try:
        command = " ".join(proc.cmdline())
    except Exception:  # psutil.Error: it has ended
        return False
    return any(marker in command for marker in HELPER_MARKERS)


def available_start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def _environ_copy() -> dict:
    """os.environ, copied while pytest's main thread may be changing it
    (PYTEST_CURRENT_TEST): a key that vanishes mid-copy raises KeyError."""
    while True:
        try:
            return dict(os.environ)
        except (KeyError, RuntimeError):
            continue


def _base_environment() -> dict:
    """What every run's environment starts from: the grader's, cleaned."""
    env = {k: v for k, v in _environ_copy().items() if k not in _DROPPED_ENV and not k.startswith("MPKIT_")}
    env.update(
        PYTHONPATH=str(BOOT_DIR),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONHASHSEED="0",
        PYTHONIOENCODING="utf-8",
    )
    return env


def _environment(run_dir: Path, token: str, spec: RunSpec, module: str, limits: Limits) -> dict:
    env = _base_environment()
    env.update(
        MPKIT_RUN_DIR=str(run_dir),
        MPKIT_RUN_TOKEN=token,
        MPKIT_CPU_COUNT=str(CPU_COUNT),
        # Read by the guard (boot/_mpkit_guard.py) in every process of the run.
        MPKIT_MAX_PROCS=str(limits.processes or 0),
        MPKIT_HIDDEN=os.pathsep.join(map(str, limits.hidden)),
        MPKIT_READONLY=os.pathsep.join(map(str, (*limits.readonly, PACKAGE_DIR))),
        MPKIT_PROTECTED_PIDS=",".join(map(str, _protected_pids())),
    )
    if _observing(limits):
        env["MPKIT_OBSERVE"] = "pids" if spec.follow_pids else "1"
        if spec.hold_exits:  # the recorder tells the observer of its waits on a sentinel (holds.py)
            env["MPKIT_HOLD_EXITS"] = "1"
    if os.environ.get("MPKIT_GUARD_CTYPES") == "allow":  # tests of the kernel layer alone: boot/_mpkit_guard.py
        env["MPKIT_GUARD_CTYPES"] = "allow"
    if spec.watch_calls:
        env["MPKIT_WATCH_CALLS"] = f"{module}:{','.join(spec.watch_calls)}"
    if spec.watch_globals:
        env["MPKIT_WATCH_GLOBALS"] = f"{module}:{','.join(spec.watch_globals)}"
    return env


@functools.lru_cache(maxsize=None)
def _compile_boot() -> None:
    """Write the boot modules' bytecode once. Runs set PYTHONDONTWRITEBYTECODE
    (nothing may be written into a submission), so without this every process
    of every run would compile them again."""
    import py_compile

    from importlib.util import cache_from_source

    for source in BOOT_DIR.glob("_mpkit_*.py"):
        try:
            cached = Path(cache_from_source(str(source)))
            if cached.exists() and cached.stat().st_mtime >= source.stat().st_mtime:
                continue
            py_compile.compile(str(source), doraise=True)
        except (OSError, py_compile.PyCompileError):
            return  # a read-only install: the runs compile them, only slower


def prepare() -> None:
    """Get ready for runs about to come, in the background where it can: the
    boot modules' bytecode, the launcher's start-up. Optional: the first run
    does what was not done."""
    _compile_boot()
    launchers.get(_base_environment(), HARNESS)


def run(spec: RunSpec, task_file: Path, limits: Limits | None = None) -> RunRecord:
    """Run `task_file` as `spec` says and return what was recorded."""
    limits = limits or Limits()
    _compile_boot()
    task_file = Path(task_file).resolve()
    module = task_file.stem
    run_dir = Path(tempfile.mkdtemp(prefix="mpkit-run-"))
    token = secrets.token_hex(16)
    record = RunRecord(mode=spec.mode, start_method=spec.start_method, time_limit=limits.time_limit)
    try:
        for sub in kernel.RUN_WRITABLE:
            (run_dir / sub).mkdir()
        spec_path = run_dir / "spec.json"
        spec_path.write_text(
            json.dumps(
                {
                    "mode": spec.mode,
                    "file": str(task_file),
                    "module": module,
                    "function": spec.function,
                    "args": list(spec.args),
                    "kwargs": dict(spec.kwargs),
                    "start_method": spec.start_method,
                    "line_buffered": spec.line_buffered,
                    "limits": limits.rlimits(),
                    "landlock": kernel.plan(run_dir, limits.hidden),
                }
            ),
            encoding="utf-8",
        )
        _execute(record, spec_path, run_dir, token, _environment(run_dir, token, spec, module, limits), limits,
                 spec.hold_exits)
        record.sandbox = kernel.read_report(run_dir)
        load(run_dir, record)
        read_raw_streams(run_dir, record)
        if record.kernel is not None:
            record.tampered = crosscheck.check(record, record.kernel)
            crosscheck.add_kernel_waits(record, record.kernel)
            holds.over_at_the_end(record, record.kernel)
        if isinstance(record.sandbox, dict):  # what the results say protected the run
            observed = record.kernel is not None and record.kernel.usable
            record.sandbox = {**record.sandbox, "observed": observed,
                              "observer_why": None if observed else _not_observed(record, limits)}
            if observed and record.kernel.follow_pids:  # who wrote shared memory (pagewriters.py)
                record.sandbox["shared_watched"] = record.kernel.shared_usable
                record.sandbox["shared_why"] = (None if record.kernel.shared_usable else record.kernel.shared_problem
                                                or "the main process's shared memory was not watched from its start")
    finally:
        remove_tree(run_dir)
    return record


def _execute(record: RunRecord, spec_path: Path, run_dir: Path, token: str, env: dict, limits: Limits,
             hold_exits: bool = False) -> None:
    started = time.monotonic()
    record.started_ns = time.monotonic_ns()  # same clock as the recorder's event times
    proc = _start(spec_path, run_dir, env)
    record.main_pid = proc.pid
    # Only a launched run: the grader waits for a run it started itself with
    # waitpid(), which would take the tracer's ptrace stops.
    watcher = (observers.Observer(follow_pids=env.get("MPKIT_OBSERVE") == "pids", run_dir=run_dir, env=env,
                                  hold_exits=hold_exits)
               if isinstance(proc, launchers.LaunchedRun) and env.get("MPKIT_OBSERVE") else None)
    if watcher is not None:
        watcher.start(proc.pid)
    record.exit_code = _watch(proc, record, run_dir, limits, started)
    record.duration = time.monotonic() - started
    still_running = record.exit_code is None
    if still_running:  # stopped for time or a limit: freeze the whole tree, then kill it
        reaper.kill_tree(proc.pid)
    # Whatever is still running now outlived the run: note it, stop it.
    survivors = reaper.find(token, exclude={proc.pid})
    # multiprocessing's own helpers (the resource tracker a spawn run's locks start) end
    # a moment after the main process: not the student's leftovers, whether still there or not.
    record.leftovers = sorted(p.pid for p in survivors if not _is_helper(p))
    if survivors or still_running:
        reaper.sweep(token, proc.pid if os.name == "posix" else None)
    elif os.name == "posix":  # nothing of the run is alive to start more: one look was enough
        reaper.kill_group(proc.pid)
    if still_running:
        proc.kill()
        record.exit_code = _wait_killed(proc)
    record.limit_hit = record.limit_hit or _limit_hit(run_dir, limits)
    if watcher is not None:
        record.kernel = watcher.finish()
    record.ended_ns = time.monotonic_ns()


def _wait_killed(proc) -> int:
    """The exit code of a run just sent SIGKILL. A launched run's is reported
    by the launcher: if that never comes (the launcher stopped), the code is
    the kill's, not a hang."""
    try:
        return proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        return -getattr(signal, "SIGKILL", 9)


def _start(spec_path: Path, run_dir: Path, env: dict):
    """The run's main process, in a session of its own: forked by the launcher
    where it works (Linux), else a fresh interpreter."""
    launcher = launchers.get(env, HARNESS)
    if launcher is not None:
        proc = launcher.start(spec_path, env, run_dir / "work", run_dir / "stdout", run_dir / "stderr")
        if proc is not None:
            return proc
        reaper.sweep(env["MPKIT_RUN_TOKEN"], None)  # a launcher that gave up may have forked it anyway
    env = {k: v for k, v in env.items() if k != "MPKIT_OBSERVE"}  # not observed: see _execute
    popen_kwargs: dict = {}
    if os.name == "posix":
        popen_kwargs["start_new_session"] = True
    else:  # pragma: no cover - Windows
        popen_kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    with open(run_dir / "stdout", "wb") as out, open(run_dir / "stderr", "wb") as err:
        return subprocess.Popen(
            [sys.executable, str(HARNESS), str(spec_path)],
            cwd=run_dir / "work",
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            **popen_kwargs,
        )


def _watch(proc, record: RunRecord, run_dir: Path, limits: Limits, started: float):
    """Wait for the run (a Popen, or a launcher's LaunchedRun) to end; stop
    waiting when it hits a limit or its time is up. Returns the exit code, or
    None when the run is still going."""
    pidfd = _pidfd(proc)
    try:
        return _wait_watching(proc, pidfd, record, run_dir, limits, started)
    finally:
        if pidfd is not None:
            os.close(pidfd)


def _wait_watching(proc, pidfd, record, run_dir, limits, started):
    deadline = started + limits.time_limit
    extended = False
    polls = 0
    while True:
        if _ended(proc, pidfd, POLL):
            return proc.wait()
        polls += 1
        hit = _limit_hit(run_dir, limits, output=polls % 10 == 0)
        if hit:
            record.limit_hit = hit
            return None
        if time.monotonic() >= deadline:
            if not extended and _returned_in_time(run_dir, proc.pid):
                # The student's code is done; the harness is still waiting for
                # or stopping what it left running. That is not a time-out.
                extended, deadline = True, deadline + AFTER_RETURN
                continue
            record.timed_out = True
            return None


def _pidfd(proc) -> int | None:
    """A descriptor that becomes readable when proc ends (Linux 5.3+), else None.
    Not for a launched run: the launcher reaps it, and its pid could be reused
    before we open one; its wait() is woken by the launcher instead."""
    if not isinstance(proc, subprocess.Popen):
        return None
    try:
        return os.pidfd_open(proc.pid)
    except (AttributeError, OSError):
        return None


def _ended(proc, pidfd: int | None, timeout: float) -> bool:
    """Wait up to `timeout` s for proc to end. With a pidfd the kernel wakes us
    at once; Popen.wait() polls and notices up to 50 ms late."""
    if pidfd is None:
        try:
            proc.wait(timeout=timeout)
            return True
        except subprocess.TimeoutExpired:
            return False
    import select

    waiter = select.poll()
    waiter.register(pidfd, select.POLLIN)
    return bool(waiter.poll(timeout * 1000))


def _returned_in_time(run_dir: Path, main_pid: int) -> bool:
    """Has the harness recorded the end of the student's function or program?"""
    try:
        with open(run_dir / "rec" / f"{main_pid}.jsonl", "rb") as f:
            text = f.read(1024 * 1024)
    except OSError:
        return False
    return any(f'"e": "{kind}"'.encode() in text for kind in ("call_end", "call_error", "main_end", "main_error"))


def _limit_hit(run_dir: Path, limits: Limits, output: bool = True) -> str | None:
    """"processes" or "output" when the run went past that limit."""
    if (run_dir / "out" / (LIMIT_MARK + "processes")).exists():
        return "processes"
    if output and limits.file_size:
        sizes = {}
        for folder in ("out", "rec"):
            try:
                with os.scandir(run_dir / folder) as entries:
                    sizes[folder] = [e.stat().st_size for e in entries]
            except OSError:
                sizes[folder] = []
        every = sizes["out"] + sizes["rec"]
        if any(size >= limits.file_size for size in every) or sum(sizes["out"]) > limits.total_output:
            return "output"
    return None
