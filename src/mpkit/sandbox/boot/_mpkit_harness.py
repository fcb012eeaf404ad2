"""The main program of a sandboxed run: `python _mpkit_harness.py SPEC.json`,
or a process forked by the launcher (`_mpkit_harness.py --serve FD`, Linux),
which becomes the same thing.

It imports the student's module (or runs it as a program) in a fresh
interpreter under the start method the grader chose, calls the function the
spec names, and records what happened through _mpkit_trace. It never decides
whether anything is right: the grader does that from the record.
"""
import json
import os
import signal
import sys

from _mpkit_procs import linux_helpers


def _set_default_start_method(method):
    """Make `method` the platform default, as Python 3.14 did with forkserver.

    Unlike set_start_method(), this leaves the student's own
    set_start_method() call (without force=True) working.
    """
    import multiprocessing
    import multiprocessing.context as ctx

    default = getattr(ctx, "_default_context", None)
    if default is not None and hasattr(default, "_default_context"):
        default._default_context = ctx._concrete_contexts[method]
    else:  # pragma: no cover - future Python without the private attribute
        multiprocessing.set_start_method(method, force=True)


def _error_info(exc, student_file):
    # The line comes from the traceback's own frames, which needs no file: a
    # process out of file descriptors (or memory) must still get its error
    # recorded, and formatting the traceback reads source files (and on 3.13
    # imports tokenize), which may then fail.
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if os.path.abspath(tb.tb_frame.f_code.co_filename) == student_file:
            line = tb.tb_lineno
        tb = tb.tb_next
    if isinstance(exc, SyntaxError) and exc.lineno and os.path.abspath(exc.filename or "") == student_file:
        line = exc.lineno
    try:
        import traceback  # here, not at the top: every spawn child imports this file again

        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    except Exception:
        text = f"{type(exc).__name__}: {exc}"
    return {
        "type": type(exc).__name__,
        "message": str(exc)[:2000],
        "line": line,
        "traceback": text[-8000:],
    }


def _decode_arg(value):
    """Arguments are JSON; {"$callable": "module:name"} names a kit probe."""
    if isinstance(value, dict) and "$callable" in value:
        import importlib

        module, _, name = value["$callable"].partition(":")
        return getattr(importlib.import_module(module), name)
    if isinstance(value, list):
        return [_decode_arg(v) for v in value]
    return value


def _helper_pids(living=None, _linux_helpers=linux_helpers):
    """Processes multiprocessing starts for itself, not for the student (of `living`, where /proc tells)."""
    if living is not None:
        return _linux_helpers(living)
    pids = set()
    tracker = sys.modules.get("multiprocessing.resource_tracker")
    if tracker is not None:
        pids.add(getattr(getattr(tracker, "_resource_tracker", None), "_pid", None))
    forkserver = sys.modules.get("multiprocessing.forkserver")
    if forkserver is not None:
        pids.add(getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None))
    pids.discard(None)
    return pids


def _linux_descendants(root):
    """Pids of root's living (not zombie) descendants, read from /proc; None
    where /proc cannot tell (not Linux, or no file descriptor left)."""
    if not sys.platform.startswith("linux"):
        return None
    children = {}
    try:
        names = os.listdir("/proc")
        # PIDs are handed out upward: a process started after root has a PID
        # between root's and the last one handed out, unless they wrapped
        # around meanwhile. Only those are read (in runs whose reads the
        # grader's tracer stops at, each read of the machine's others cost a stop).
        last = _last_pid()
        newer = last is not None and last > root
        for name in names:
            if not name.isdigit() or (newer and not root < int(name) <= last):
                continue
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    data = f.read()
            except FileNotFoundError:
                continue  # ended while we looked
            fields = data[data.rfind(b")") + 2:].split()  # the name may hold spaces
            children.setdefault(int(fields[1]), []).append((int(name), fields[0]))
    except (OSError, IndexError, ValueError):
        return None
    found, todo = set(), [root]
    while todo:
        for pid, state in children.get(todo.pop(), ()):
            if pid not in found:
                todo.append(pid)
                if state != b"Z":
                    found.add(pid)
    return found


def _last_pid():
    try:
        with open("/proc/sys/kernel/ns_last_pid", "rb") as f:
            return int(f.read())
    except (OSError, ValueError):
        return None


# A child the student never joined may still be finishing (a spawn child can
# need a second to start): give it this long to end by itself, so that what is
# called left over does not depend on how fast the machine is.
GRACE = 2.0


def _grace(psutil, me, helpers):
    import time

    deadline = time.monotonic() + GRACE
    while time.monotonic() < deadline:
        try:
            descendants = me.children(recursive=True)
        except (psutil.Error, OSError):
            return
        running = False
        for proc in descendants:
            try:
                running = running or (proc.pid not in helpers and proc.status() != psutil.STATUS_ZOMBIE)
            except (psutil.Error, OSError):
                continue
        if not running:
            return
        time.sleep(0.05)


def _reap_orphans():
    if not hasattr(os, "waitpid") or not hasattr(os, "WNOHANG"):
        return
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


# _finish and _end run after the task's code, which can reach this module's
# globals (a frame's f_globals): what they use is bound here, at import.
def _finish(emit, _helper_pids=_helper_pids, _descendants=_linux_descendants, _getpid=os.getpid, _kill=os.kill,
            _waitpid=os.waitpid, _sigkill=getattr(signal, "SIGKILL", signal.SIGTERM), _reap_orphans=_reap_orphans,
            _grace=_grace, _sorted=sorted, _errors=(OSError, ChildProcessError)):
    """Record which processes are still running, then stop them all."""
    quick = _descendants(_getpid())
    helpers = _helper_pids(quick)
    if quick is not None and quick <= helpers:
        # Nothing of the student's is running (the usual case): stop the
        # helpers without paying for psutil's import.
        emit("alive", pids=[], helpers=_sorted(helpers))
        for pid in quick:
            try:
                _kill(pid, _sigkill)
                _waitpid(pid, 0)
            except _errors:
                pass
        _reap_orphans()
        return
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil is a dependency of the kit
        psutil = None
    alive = []
    if psutil is not None:
        me = psutil.Process()
        _grace(psutil, me, helpers)
        try:
            descendants = me.children(recursive=True)
        except (psutil.Error, OSError):  # OSError: the student's code used up the open files
            descendants = []
        for proc in descendants:
            try:
                if proc.status() == psutil.STATUS_ZOMBIE:
                    continue
            except (psutil.Error, OSError):
                continue
            if proc.pid not in helpers:
                alive.append(proc.pid)
        emit("alive", pids=alive, helpers=_sorted(helpers))
        for proc in descendants:
            try:
                proc.send_signal(_sigkill)
            except psutil.Error:
                pass
        psutil.wait_procs(descendants, timeout=2)
    _reap_orphans()


def _become_subreaper():
    """Orphans of the run (double forks, setsid) stay our descendants (Linux)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def _apply_limits(limits):
    try:
        import resource
    except ImportError:
        return
    names = {
        "address_space": "RLIMIT_AS",
        "open_files": "RLIMIT_NOFILE",
        "processes": "RLIMIT_NPROC",
        "file_size": "RLIMIT_FSIZE",
        "cpu_seconds": "RLIMIT_CPU",
    }
    for key, value in (limits or {}).items():
        which = getattr(resource, names.get(key, ""), None)
        if which is None or value is None:
            continue
        try:
            soft, hard = resource.getrlimit(which)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            # Soft and hard alike: the student's code cannot raise it again
            # (root can; see the README's "Safety" section).
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass


# Exit code of a run that could not apply the kernel rules the grader asked for.
EXIT_NO_SANDBOX = 97


def _restrict(plan):
    """The kernel's rules (Landlock), after the kit's own setup and before any
    student code: inherited by every child, never undone. What was applied
    goes to run_dir/sandbox.json, which no code of the run can write later."""
    import _mpkit_landlock

    # The run's own temp folder (tempfile, forkserver's socket, a Manager's):
    # the only one it may write to. Set here, not in the environment the
    # runner passes, which keys the launcher (one per environment).
    os.environ["TMPDIR"] = os.path.join(os.environ["MPKIT_RUN_DIR"], "tmp")
    if "tempfile" in sys.modules:
        sys.modules["tempfile"].tempdir = None
    fd = os.open(os.path.join(os.environ["MPKIT_RUN_DIR"], "sandbox.json"),
                 os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o600)
    if not _mpkit_landlock.apply_for_run(plan, fd):
        os._exit(EXIT_NO_SANDBOX)


def _same_random_numbers():
    """Same submission, same score: the random module starts from the same seed
    on every run, and in every process of it (_mpkit_trace_processes seeds each
    child alike), so random numbers never decide a grade by luck."""
    import random

    random.seed(0)


def main(spec_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    import _mpkit_trace as trace

    if "SIGXFSZ" in dir(__import__("signal")):
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # oversize output fails a write, kills nobody
    _become_subreaper()
    _apply_limits(spec.get("limits"))
    _restrict(spec.get("landlock"))
    observe = os.environ.get("MPKIT_OBSERVE")
    if observe in ("1", "pids"):  # the grader traces this run (sandbox/observer.py), its messages too (flows.py)
        import _mpkit_observed

        # Last of the kit's setup: the grader's tracer attaches meanwhile.
        grader = (os.environ.get("MPKIT_PROTECTED_PIDS") or "").split(",")[0]  # the grading process first
        problem = _mpkit_observed.await_tracer(io=observe == "pids", grader=int(grader) if grader.isdigit() else None)
        trace.emit("observed", problem=problem)
        if observe == "pids" and problem is None:
            import _mpkit_handover

            _mpkit_handover.hand_over()
    student_file = os.path.abspath(spec["file"])
    submission = os.path.dirname(student_file)
    sys.path.insert(0, submission)
    if spec.get("start_method"):
        _set_default_start_method(spec["start_method"])
    _same_random_numbers()
    mode = spec["mode"]
    trace.emit("run_start", mode=mode, start_method=spec.get("start_method"))
    if mode == "program":
        _run_program(spec, trace, student_file)
    else:
        _run_call(spec, trace, student_file)


def _run_program(spec, trace, student_file):
    import runpy

    emit, error_info = trace.emit, _error_info  # before the task's code runs: see _run_call

    sys.argv = [student_file]
    if spec.get("line_buffered"):  # forked children inherit it; spawned ones read the variable (_mpkit_trace)
        sys.stdout.reconfigure(line_buffering=True)
        os.environ["MPKIT_LINE_BUFFERED"] = "1"
    code = 0
    try:
        runpy.run_path(student_file, run_name="__main__")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        emit("main_end", exit=code)
    except BaseException as exc:
        emit("main_error", error=error_info(exc, student_file))
        code = 1
    else:
        emit("main_end", exit=0)
    # Like `python file.py`: the interpreter's own exit waits for non-daemon
    # children (the grader's time limit stops a child that never ends).
    sys.stdout.flush()
    sys.exit(code)


def _run_call(spec, trace, student_file):
    import importlib
    import types

    # A __main__ without a file, as under `python -c`: the student's functions
    # live in their own module, and spawned children need not run this file
    # again as __mp_main__ (multiprocessing does that for a main with a file).
    sys.modules["__main__"] = types.ModuleType("__main__")
    # Taken before the task's module runs: it can replace the recorder module's
    # globals, and reach this module's (a frame's f_globals).
    describe, snapshot_globals, emit = trace.describe, trace.snapshot_globals, trace.emit
    end, error_info, exit_line, decode_arg = _end, _error_info, _exit_line, _decode_arg
    module_name = spec["module"]
    emit("import_start", module=module_name)
    try:
        module = importlib.import_module(module_name)
    except SystemExit as exc:
        emit("import_error", error={"type": "SystemExit", "message": f"sys.exit({exc.code!r}) was called", "line": exit_line(exc, student_file), "traceback": ""})
        end(emit)
    except BaseException as exc:
        emit("import_error", error=error_info(exc, student_file))
        end(emit)
    emit("import_end", globals=snapshot_globals())
    function = spec.get("function")
    if function:
        func = getattr(module, function, None)
        if not callable(func):
            emit("call_missing", function=function)
            end(emit)
        args = decode_arg(spec.get("args", []))
        kwargs = {k: decode_arg(v) for k, v in spec.get("kwargs", {}).items()}
        emit("call_start", function=function)
        try:
            result = func(*args, **kwargs)
        except SystemExit as exc:
            emit("call_error", error={"type": "SystemExit", "message": f"sys.exit({exc.code!r}) was called", "line": exit_line(exc, student_file), "traceback": ""})
        except BaseException as exc:
            emit("call_error", error=error_info(exc, student_file))
        else:
            emit("call_end", value=describe(result), globals=snapshot_globals())
    end(emit)


def _exit_line(exc, student_file, _error_info=_error_info):
    return _error_info(exc, student_file)["line"]


def _end(emit, _finish=_finish, _sys=sys, _exit=os._exit, _error=Exception):
    _finish(emit)
    emit("run_end")
    try:
        _sys.stdout.flush()
        _sys.stderr.flush()
    except _error:
        pass
    # Skip interpreter shutdown: multiprocessing's exit handler would wait
    # for children the student never stopped.
    _exit(0)


if __name__ == "__main__":
    if sys.argv[1] == "--serve":  # the launcher (Linux): returns in each run it forks
        import _mpkit_launcher

        _mpkit_launcher.serve(int(sys.argv[2]))
    main(sys.argv[1])
