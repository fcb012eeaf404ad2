"""The run recorder: runs inside every Python process of a sandboxed run.

It writes what the process does (its birth, the processes and threads it
starts, joins and ends, calls of watched student functions) as JSON lines to
a record file of its own, and points the process's stdout and stderr at files
of its own, so the grader knows which process wrote which bytes.

Everything here is standard library only and keeps its own references to the
functions it relies on (os.getpid, json.dumps, ...), so a submission that
monkeypatches them cannot change what is recorded.
"""
import itertools
import json
import os
import sys
import threading
import time

import _mpkit_guard

_getpid = os.getpid
_getppid = os.getppid
_write = os.write
_os_open = os.open
_dup2 = os.dup2
_close = os.close
_now = time.monotonic_ns
_dumps = json.dumps
_join_path = os.path.join

RUN_DIR = os.environ.get("MPKIT_RUN_DIR", "")
_state = {"fd": None, "pid": None, "seq": itertools.count(), "prints": 0}
PRINTS_RECORDED = 20  # per process: enough to show when it printed, cheap for a print loop
_installed = False

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)


def _exclusive(folder, pid, suffix):
    """Open a new file named after pid (pids can be reused within a run)."""
    for n in itertools.count():
        name = f"{pid}{'' if n == 0 else '.' + str(n)}{suffix}"
        try:
            return name, _os_open(_join_path(RUN_DIR, folder, name), _FLAGS, 0o600)
        except FileExistsError:
            continue


def _born(via):
    """Start the record of a new process and give it output files of its own."""
    with _mpkit_guard.own_files():
        _start_record(via)


def _start_record(via):
    pid = _getpid()
    _state["pid"] = pid
    _state["seq"] = itertools.count()
    _state["prints"] = 0
    old = _state["fd"]
    name, _state["fd"] = _exclusive("rec", pid, ".jsonl")
    if old is not None:
        try:
            _close(old)
        except OSError:
            pass
    outputs = {}
    for stream, fdno in (("out", 1), ("err", 2)):
        oname, ofd = _exclusive("out", pid, "." + stream)
        # The file is inheritable through dup2; the original O_CLOEXEC fd is closed.
        _dup2(ofd, fdno)
        _close(ofd)
        outputs[stream] = oname
    emit("born", via=via, ppid=_getppid(), argv=list(getattr(sys, "orig_argv", sys.argv))[:6], **outputs)


def emit(kind, **fields):
    """Append one event to this process's record."""
    fd = _state["fd"]
    if fd is None:
        return
    fields["e"] = kind
    fields["pid"] = _state["pid"]
    fields["t"] = _now()
    fields["n"] = next(_state["seq"])
    try:
        line = _dumps(fields, default=repr)
    except (TypeError, ValueError):
        line = _dumps({"e": kind, "pid": fields["pid"], "t": fields["t"], "n": fields["n"], "bad": True})
    try:
        _write(fd, (line + "\n").encode("utf-8", "replace"))
    except OSError:
        pass


def describe(value, depth=0):
    """A JSON-able picture of a value the student's code returned."""
    import multiprocessing.process as mpp

    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, mpp.BaseProcess):
        try:
            # Not through the traced property: the kit looking is not the student waiting.
            code, pid = (_exitcode_unwatched or type(value).exitcode.fget)(value), value.pid
        except ValueError:  # closed: close() after join() forgets the pid
            code, pid = None, getattr(value, "_mpkit_pid", None)
        return {"$process": pid, "name": value.name, "exitcode": code}
    if depth < 4 and isinstance(value, (list, tuple)):
        items = [describe(v, depth + 1) for v in list(value)[:1000]]
        return items if isinstance(value, list) else {"$tuple": items}
    if depth < 4 and isinstance(value, dict):
        return {"$dict": [[describe(k, depth + 1), describe(v, depth + 1)] for k, v in list(value.items())[:1000]]}
    return {"$repr": repr(value)[:500], "type": type(value).__name__}


def _callable_name(func):
    if func is None:
        return None
    module = getattr(func, "__module__", None)
    qualname = getattr(func, "__qualname__", None)
    if qualname is None:
        return repr(func)[:200]
    return f"{module}.{qualname}"


def _target_of(obj, base):
    target = getattr(obj, "_target", None)
    if target is not None:
        return _callable_name(target)
    cls = type(obj)
    if cls.run is not base.run:
        return f"{cls.__module__}.{cls.__qualname__}.run"
    return None


# Globals to watch (for example COUNTER of a task): "module:NAME,NAME".
def _watched_globals():
    spec = os.environ.get("MPKIT_WATCH_GLOBALS", "")
    module, _, names = spec.partition(":")
    return module, [n for n in names.split(",") if n]


def snapshot_globals():
    module_name, names = _watched_globals()
    if not names:
        return None
    found = {}
    for candidate in (module_name, "__mp_main__", "__main__"):
        module = sys.modules.get(candidate)
        if module is not None and all(hasattr(module, n) for n in names):
            for n in names:
                found[n] = describe(getattr(module, n))
            return found
    return None


_exitcode_unwatched = None  # BaseProcess.exitcode as multiprocessing wrote it


def _patch_processes():
    global _exitcode_unwatched
    import multiprocessing.process as mpp

    base = mpp.BaseProcess
    start, join, bootstrap, is_alive = base.start, base.join, base._bootstrap, base.is_alive
    terminate, kill = base.terminate, getattr(base, "kill", None)
    exitcode = _exitcode_unwatched = base.exitcode.fget

    def traced_start(self):
        target = _target_of(self, base)  # start() deletes self._target
        start(self)
        self._mpkit_pid = self.pid  # still known after the student's close()
        emit(
            "proc_start",
            child=self.pid,
            name=self.name,
            target=target,
            daemon=self.daemon,
            method=getattr(type(self._popen), "method", None),
        )

    def traced_join(self, timeout=None):
        if not getattr(self, "_mpkit_join_called", False) and self._popen is not None:
            self._mpkit_join_called = True  # when the parent first waited, even if in vain
            emit("join_call", child=self.pid, timeout=timeout)
        join(self, timeout)
        try:
            code = exitcode(self)
        except ValueError:
            return
        if code is not None:
            self._mpkit_end_seen = True
            emit("join", child=self.pid, exitcode=code)

    def ended_seen(self, via):
        # A parent that polls is_alive() or exitcode until the child has ended
        # has waited for it as surely as join() does (both reap the child):
        # record it as a join, once.
        if self._popen is None or getattr(self, "_mpkit_end_seen", False):
            return
        try:
            code = exitcode(self)
        except ValueError:
            return
        if code is not None:
            self._mpkit_end_seen = True
            emit("join", child=self.pid, exitcode=code, via=via)

    def traced_is_alive(self):
        alive = is_alive(self)
        if not alive:
            ended_seen(self, "is_alive")
        return alive

    def traced_exitcode(self):
        code = exitcode(self)
        if code is not None:
            ended_seen(self, "exitcode")
        return code

    def traced_bootstrap(self, *args, **kwargs):
        emit(
            "proc_boot",
            name=self.name,
            target=_target_of(self, base),
            parent=getattr(self, "_parent_pid", None),
            globals=snapshot_globals(),
        )
        code = bootstrap(self, *args, **kwargs)
        emit("proc_end", exitcode=code, globals=snapshot_globals())
        return code

    def traced_terminate(self):
        emit("terminate", child=self.pid)
        terminate(self)

    base.start = traced_start
    base.join = traced_join
    base.is_alive = traced_is_alive
    base.exitcode = property(traced_exitcode, doc=base.exitcode.__doc__)
    base._bootstrap = traced_bootstrap
    base.terminate = traced_terminate
    if kill is not None:

        def traced_kill(self):
            emit("kill", child=self.pid)
            kill(self)

        base.kill = traced_kill


def _patch_print():
    """Record when a process prints to stdout or stderr (for the feedback's timeline)."""
    import builtins
    import functools

    original = builtins.print

    @functools.wraps(original)
    def traced_print(*args, **kwargs):
        result = original(*args, **kwargs)
        if _state["prints"] < PRINTS_RECORDED:
            target = kwargs.get("file")
            stream = "out" if target is None or target is sys.stdout else "err" if target is sys.stderr else None
            if stream:
                _state["prints"] += 1
                emit("print", stream=stream)
        return result

    builtins.print = traced_print


def _patch_threads():
    inner, join, is_alive = threading.Thread._bootstrap_inner, threading.Thread.join, threading.Thread.is_alive

    def ended_seen(self):
        # join(), or is_alive() polled until False: either way the caller waited
        # for the thread to end. Recorded once.
        if self.native_id is not None and not getattr(self, "_mpkit_joined", False):
            self._mpkit_joined = True
            emit("thread_join", thread=self.native_id)

    def traced_join(self, timeout=None):
        join(self, timeout)
        if not is_alive(self):
            ended_seen(self)

    def traced_is_alive(self):
        alive = is_alive(self)
        if not alive and self._started.is_set():
            ended_seen(self)
        return alive

    def traced_inner(self):
        tid = threading.get_native_id()
        target = _target_of(self, threading.Thread)
        emit("thread_start", thread=tid, name=self.name, target=target, globals=snapshot_globals())
        try:
            inner(self)
        finally:
            emit("thread_end", thread=tid, target=target, globals=snapshot_globals())

    threading.Thread._bootstrap_inner = traced_inner
    threading.Thread.join = traced_join
    threading.Thread.is_alive = traced_is_alive


# Student functions to watch: "module:func,func". Each call records the pid
# that ran it, its arguments and its result.
def _watch_spec():
    module, _, names = os.environ.get("MPKIT_WATCH_CALLS", "").partition(":")
    return module, [n for n in names.split(",") if n]


def wrap_functions(module, names):
    import functools

    for name in names:
        func = getattr(module, name, None)
        if not callable(func) or getattr(func, "__mpkit_watched__", False):
            continue

        def make(func=func, name=name):
            @functools.wraps(func)
            def watched(*args, **kwargs):
                emit("call", fn=name, args=describe(list(args)))
                try:
                    result = func(*args, **kwargs)
                except BaseException as exc:
                    emit("raise", fn=name, error=type(exc).__name__)
                    raise
                emit("return", fn=name, value=describe(result))
                return result

            watched.__mpkit_watched__ = True
            return watched

        setattr(module, name, make())


class _WatchFinder:
    """Wraps the watched functions right after their module is imported."""

    def __init__(self, module, names):
        self.module, self.names = module, names

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.module:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        exec_module = getattr(loader, "exec_module", None)
        if exec_module is None:
            return spec
        names = self.names

        def traced_exec(module):
            exec_module(module)
            wrap_functions(module, names)

        loader.exec_module = traced_exec
        return spec


def _same_cpu_count():
    """Every grading machine reports the same number of CPUs to the student's
    code, so Pool() without a size (one worker per CPU) grades the same on a
    laptop, a CI runner and Gradescope."""
    try:
        count = int(os.environ.get("MPKIT_CPU_COUNT", ""))
    except ValueError:
        return
    os.cpu_count = lambda: count
    if hasattr(os, "process_cpu_count"):  # Python 3.13+: what Pool() asks
        os.process_cpu_count = lambda: count


def install():
    global _installed
    if _installed or not RUN_DIR:
        return
    _installed = True
    _born("exec")
    _same_cpu_count()
    _mpkit_guard.install(RUN_DIR)
    if _mpkit_guard.processes_started(RUN_DIR) > _mpkit_guard.max_processes():
        # A process started without a fork (spawn, forkserver) beyond the limit.
        emit("refused", reason="processes")
        _mpkit_guard.mark_limit("processes")
        os._exit(1)
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=lambda: _born("fork"))
    module, names = _watch_spec()
    if module and names:
        if module in sys.modules:
            wrap_functions(sys.modules[module], names)
        sys.meta_path.insert(0, _WatchFinder(module, names))
    _patch_processes()
    _patch_threads()
    _patch_print()
