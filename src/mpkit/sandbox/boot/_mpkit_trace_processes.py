"""The recorder's watch on processes: their start, boot and end, the
parent's waits for them (join(), is_alive() or exitcode polled until the end,
active_children(), connection.wait() on a sentinel), terminate() and kill(),
and the student's code reading a child's PID.

Waits the kernel sees. The kernel observer sees every wait call that reported
a child's end, and the cross-check counts each as the caller's wait for it
(sandbox/crosscheck.py: add_kernel_waits): there are no excuses, so nothing the
task's code plants in the recorder can pass a wait off as housekeeping. What
multiprocessing would reap where the code did not wait reaps nothing here:
- start() does not run _cleanup, which polls (and reaps) every ended child
  before it forks the next: starting a process is not waiting;
- an is_alive(), exitcode, repr(p) or active_children() that is a look, not
  a loop waiting for the child (`print(p.is_alive())` after start(): only the
  condition of a `while`, or of an `if` that leaves a loop, decides a loop),
  reads the child's state off /proc/PID/stat (`peek`), the status a wait would
  report, without the wait. It records no join: a look is not a join.
Where /proc cannot be read (macOS, Windows) a look polls as multiprocessing
does, and its join event says `look` (no kernel observer there to disagree).
multiprocessing's own calls of them (a Pool's, at exit) are waits, as before.
Standard library only (see _mpkit_trace.py).
"""
import functools
import os
import sys

from _mpkit_loop_tests import _inside, _loop_tests, _position
from _mpkit_trace_core import _kit_caller, emit, originals, sealed, sentinels, state, student_called
from _mpkit_trace_poolwork import POOL_TARGETS
from _mpkit_trace_pools import pool_of
from _mpkit_trace_shared import scan_shared
from _mpkit_trace_values import snapshot_globals, target_of

# The functions that record find their helpers sealed in their code
# (_mpkit_trace_core.sealed): not in this module's globals, which the task's
# code can replace, nor in closure cells, which it can rewrite, nor in
# defaults, which its own call of a method could override (f27, f30).


@sealed(emit, getattr)
def _waiting_for(process, timeout, via="join"):
    """Record when the parent first waited for a child (join(), or a wait on
    its sentinel), even if in vain: a wait between two starts makes them run
    one after another."""
    _emit, _getattr = "\x00mpkit:sealed"
    if not _getattr(process, "_mpkit_join_called", False) and process._popen is not None:
        process._mpkit_join_called = True
        _emit("join_call", child=process.pid, timeout=timeout, via=via)


# The patches are sealed too, and the kit's alone: called again after the task's
# code replaced a helper, they would wrap the methods anew with it.
@sealed(emit, getattr, originals, property, snapshot_globals, staticmethod, POOL_TARGETS, ValueError, _waiting_for,
        pool_of, scan_shared, sealed, sentinels, set, state, student_called, target_of, type, _kit_caller,
        PermissionError, _loop_tests, _position, _inside, sys._getframe, list,
        isinstance, str, any, Exception)
def patch_processes():
    (emit, getattr, originals, property, snapshot_globals, staticmethod, POOL_TARGETS, ValueError, _waiting_for,
     pool_of, scan_shared, sealed, sentinels, set, state, student_called, target_of, type, _kit,
     _error, _loop_tests, _position, _inside, getframe, list, isinstance, str, any,
     Exception) = "\x00mpkit:sealed"
    if not _kit(1):
        raise _error("mpkit: the task's code may not patch the recorder in again")
    import multiprocessing.process as mpp

    import multiprocessing.popen_fork

    fork_poll = multiprocessing.popen_fork.Popen.poll

    @sealed(fork_poll, getattr, type, os.getpid, os.open, os.read, os.close, os.O_RDONLY,
            getattr(os, "waitstatus_to_exitcode", None), int, OSError, ValueError, IndexError)
    def peek(process):
        """Has a child ended, told without the wait call that would reap it:
        (True, None) running, (True, code) ended, (False, None) where /proc does
        not tell (not Linux; a Popen whose poll() is not fork's and spawn's; a
        child already reaped, or not this process's). A zombie's state in
        /proc/PID/stat, with the status a wait would report (field 52); a child
        the kernel observer holds at its exit stop is still running."""
        (_fork_poll, _getattr, _type, _getpid, _open, _read, _close, _rdonly, _to_exitcode, _int, _oserror, _bad,
         _short) = "\x00mpkit:sealed"
        popen = _getattr(process, "_popen", None)
        if popen is None or _to_exitcode is None or _getattr(process, "_closed", True) or \
                process._parent_pid != _getpid() or popen.returncode is not None or \
                _type(popen).poll is not _fork_poll:
            return False, None
        try:
            fd = _open("/proc/%d/stat" % popen.pid, _rdonly)
            try:
                data = _read(fd, 4096)
            finally:
                _close(fd)
            fields = data[data.rfind(b")") + 2:].split()
            if fields[0] not in (b"Z", b"X"):
                return True, None
            return True, _to_exitcode(_int(fields[49]))
        except (_oserror, _bad, _short):
            return False, None

    base = mpp.BaseProcess
    start, join, bootstrap, is_alive = base.start, base.join, base._bootstrap, base.is_alive
    terminate, kill = base.terminate, getattr(base, "kill", None)
    exitcode = originals["exitcode"] = base.exitcode.fget
    process_repr = base.__repr__
    starting = []  # non-empty while start() runs: its _cleanup is skipped
    loop_tests = {}  # source file -> _loop_tests(...)
    if hasattr(os, "register_at_fork"):  # a child forked inside start() is not inside it
        os.register_at_fork(after_in_child=starting.clear)

    @sealed(start, base, target_of, pool_of, state, sentinels, emit, getattr, type, starting)
    def traced_start(self):
        _start, _base, _target_of, _pool_of, _state, _sentinels, _emit, _getattr, _type, _starting = "\x00mpkit:sealed"
        target = _target_of(self, _base)  # start() deletes self._target
        pool = _pool_of(self) if target == "multiprocessing.pool.worker" else None
        _starting.append(True)
        try:
            _start(self)
        finally:
            _starting.pop()
        self._mpkit_pid = self.pid  # still known after the student's close()
        _state["children"].add(self.pid)
        _sentinels[self.sentinel] = self
        _emit(
            "proc_start",
            child=self.pid,
            name=self.name,
            target=target,
            daemon=self.daemon,
            method=_getattr(_type(self._popen), "method", None),
            pool=pool,
        )

    @sealed(_waiting_for, join, exitcode, emit, ValueError)
    def traced_join(self, timeout=None):
        _waiting, _join, _exitcode, _emit, _closed = "\x00mpkit:sealed"
        _waiting(self, timeout)
        _join(self, timeout)
        try:
            code = _exitcode(self)
        except _closed:
            return
        if code is not None:
            self._mpkit_end_seen = True
            _emit("join", child=self.pid, exitcode=code)

    @sealed(loop_tests, _loop_tests, _position, _inside, isinstance, str, any)
    def deciding(frame):
        """Does the is_alive()/exitcode the frame is at decide whether a loop
        goes on: is it, or a call of the task's code it is inside (a helper,
        `while not done(p):`), in the condition of a loop? Up to the first
        frame not the task's. multiprocessing's own looks count as waits, as
        before."""
        _cache, _tests, _position, _inside, _isinstance, _str, _any = "\x00mpkit:sealed"
        depth = 0
        while frame is not None and depth < 64:
            module = frame.f_globals.get("__name__") or ""
            if not _isinstance(module, _str) or module.startswith(("multiprocessing.", "concurrent.", "_mpkit")):
                return depth == 0
            name = frame.f_code.co_filename
            spans = _cache.get(name)
            if spans is None:
                spans = _cache[name] = _tests(name)
            line, col = _position(frame)
            if _any(_inside(span, line, col) for span in spans):
                return True
            frame, depth = frame.f_back, depth + 1
        return False

    @sealed(deciding, Exception)
    def is_look(frame):
        """Is the caller's is_alive()/exitcode/active_children() a look (not a loop's test)?"""
        _deciding, _error = "\x00mpkit:sealed"
        try:
            return frame is not None and not _deciding(frame)
        except _error:  # never the task's trouble: counted as a wait, as before
            return False

    @sealed(exitcode, emit, getattr, ValueError)
    def ended_seen(self, via, look):
        # A parent that polls is_alive() or exitcode until the child has ended
        # has waited for it as surely as join() does (both reap the child):
        # record it as a join, once. A look that polled (no /proc to peek at)
        # and found it ended has not waited: a join that says `look`.
        _exitcode, _emit, _getattr, _closed = "\x00mpkit:sealed"
        if self._popen is None or _getattr(self, "_mpkit_end_seen", False):
            return
        try:
            code = _exitcode(self)
        except _closed:
            return
        if code is not None:
            self._mpkit_end_seen = True
            _emit("join", child=self.pid, exitcode=code, via=via, look=look)

    @sealed(is_alive, ended_seen, is_look, peek, getframe)
    def traced_is_alive(self):
        _is_alive, _ended_seen, _is_look, _peek, _getframe = "\x00mpkit:sealed"
        look = _is_look(_getframe(1))
        if look:
            peeked, code = _peek(self)
            if peeked:
                return code is None
        alive = _is_alive(self)
        if not alive:
            _ended_seen(self, "is_alive", look)
        return alive

    @sealed(exitcode, ended_seen, is_look, peek, getframe)
    def traced_exitcode(self):
        _exitcode, _ended_seen, _is_look, _peek, _getframe = "\x00mpkit:sealed"
        look = _is_look(_getframe(1))
        if look:
            peeked, code = _peek(self)
            if peeked:
                return code
        code = _exitcode(self)
        if code is not None:
            _ended_seen(self, "exitcode", look)
        return code

    @sealed(process_repr, peek)
    def traced_repr(self):
        # repr() polls the child: always a look. Where /proc tells, its Popen
        # is lent a poll() that answers what the peek saw, for this call only.
        _process_repr, _peek = "\x00mpkit:sealed"
        peeked, code = _peek(self)
        if not peeked:
            return _process_repr(self)
        popen = self._popen
        popen.poll = lambda flag=None, _code=code: _code
        try:
            return _process_repr(self)
        finally:
            del popen.poll

    @sealed(bootstrap, base, target_of, POOL_TARGETS, state, scan_shared, emit, snapshot_globals, getattr)
    def traced_bootstrap(self, *args, **kwargs):
        _bootstrap, _base, _target_of, _pool_targets, _state, _scan, _emit, _snapshot, _getattr = "\x00mpkit:sealed"
        target = _target_of(self, _base)
        _state["worker"] = target in _pool_targets
        _emit(
            "proc_boot",
            name=self.name,
            target=target,
            parent=_getattr(self, "_parent_pid", None),
            globals=_snapshot(),
        )
        import random

        random.seed(0)  # every process alike, as the run's main process (_mpkit_harness)
        code = _bootstrap(self, *args, **kwargs)
        _scan()
        _emit("proc_end", exitcode=code, globals=_snapshot())
        return code

    @sealed(terminate, emit)
    def traced_terminate(self):
        _terminate, _emit = "\x00mpkit:sealed"
        _emit("terminate", child=self.pid)
        _terminate(self)

    ident = base.ident.fget

    @sealed(ident, state, student_called, emit)
    def traced_ident(self):
        # The student's code reading a child's PID off its Process object: a
        # PID it returns may come from there rather than from the child. Reads
        # by multiprocessing, concurrent.futures and the kit do not count.
        _ident, _state, _student_called, _emit = "\x00mpkit:sealed"
        pid = _ident(self)
        if pid in _state["children"] and pid not in _state["pids_read"] and _student_called():
            _state["pids_read"].add(pid)
            _emit("pid_read", child=pid)
        return pid

    base.ident = base.pid = property(traced_ident, doc=base.ident.__doc__)
    base.start = traced_start
    base.join = traced_join
    base.is_alive = traced_is_alive
    base.exitcode = property(traced_exitcode, doc=base.exitcode.__doc__)
    base.__repr__ = traced_repr
    base._bootstrap = traced_bootstrap
    base.terminate = traced_terminate
    if kill is not None:

        @sealed(kill, emit)
        def traced_kill(self):
            _kill, _emit = "\x00mpkit:sealed"
            _emit("kill", child=self.pid)
            _kill(self)

        base.kill = traced_kill

    # active_children() reaps the children that have ended, as join() would:
    # a parent that polls it until they are gone has waited for them; one that
    # looks once has not, as with is_alive(), and peeks. start() runs _cleanup
    # too, to reap ended children before it forks: skipped (see above).
    import multiprocessing
    import multiprocessing.context as mpc

    active_children, cleanup = mpp.active_children, mpp._cleanup
    reaped = []

    @sealed(cleanup, mpp, reaped, set, list, starting)
    def traced_cleanup():
        _cleanup, _mpp, _reaped, _set, _list, _starting = "\x00mpkit:sealed"
        if _starting:
            return
        before = _list(_mpp._children)
        _cleanup()
        after = _set(_mpp._children)
        _reaped.extend(p for p in before if p not in after)

    @sealed(active_children, reaped, ended_seen, is_look, peek, mpp, list, getframe)
    def traced_active_children():
        _active_children, _reaped, _ended_seen, _is_look, _peek, _mpp, _list, _getframe = "\x00mpkit:sealed"
        look = _is_look(_getframe(1))
        if look:
            alive = []
            for process in _list(_mpp._children):
                peeked, code = _peek(process)
                if not peeked:
                    break
                if code is None:
                    alive.append(process)
            else:
                return alive
        alive = _active_children()
        while _reaped:
            _ended_seen(_reaped.pop(), "active_children", look)
        return alive

    mpp._cleanup = traced_cleanup

    mpp.active_children = multiprocessing.active_children = traced_active_children
    mpc.BaseContext.active_children = staticmethod(traced_active_children)


# A wait on a child's sentinel (connection.wait, join(timeout)) makes no wait
# call the kernel sees. In a run that holds exits (sandbox/holds.py) the child
# would stay held, its sentinel unreadable, until the hold ran out: so the
# recorder says it to the observer, with a waitid that reaps nothing and that
# the observer knows by its flags (__WNOTHREAD with WNOWAIT | WNOHANG), before
# (lets the child go, counts as the parent's wait then) and after (WCONTINUED
# too). Made by the task's code it only counts against it.
_DECLARE = os.WEXITED | os.WNOHANG | getattr(os, "WNOWAIT", 0) | 0x20000000


def _declare(pid, extra=0, _waitid=getattr(os, "waitid", None), _by_pid=getattr(os, "P_PID", 0), _flags=_DECLARE,
             _error=OSError):
    if _waitid is not None:
        try:
            _waitid(_by_pid, pid, _flags | extra)
        except _error:
            pass


@sealed(sentinels, student_called, _waiting_for, getattr, functools.wraps, _kit_caller, PermissionError, list,
        isinstance, int, _declare, os.environ.get, type, getattr(os, "WCONTINUED", 0))
def patch_wait(connection):  # sealed at import: it may run after the task's code
    """connection.wait() on a child's sentinel waits for it to end, as join() does."""
    (_sentinels, _student_called, _waiting, _getattr, _wraps, _kit, _error, list, isinstance,
     int, _declare, _env, _type, _continued) = "\x00mpkit:sealed"
    if not _kit(1):
        raise _error("mpkit: the task's code may not patch the recorder in again")
    wait = connection.wait
    if _getattr(wait, "_mpkit_traced", False):
        return
    hold = _env("MPKIT_HOLD_EXITS") == "1"

    @_wraps(wait)
    def traced_wait(object_list, timeout=None, _wait=wait, _sentinels=_sentinels, _student_called=_student_called,
                    _waiting_for=_waiting, _list=list, _isinstance=isinstance, _int=int, _hold=hold,
                    _declare=_declare, _getattr=_getattr, _type=_type, _continued=_continued):
        object_list = _list(object_list)
        declared = []
        if _sentinels:
            student = _student_called()
            say = _hold and timeout != 0  # timeout 0: a look (a forkserver child's poll)
            for obj in object_list:
                process = _sentinels.get(obj) if _isinstance(obj, _int) else None
                if process is None:
                    continue
                if student:
                    _waiting_for(process, timeout, "wait")
                pid = _getattr(_getattr(process, "_popen", None), "pid", None) if say else None
                if _type(pid) is _int:
                    _declare(pid)
                    declared.append(pid)
        try:
            return _wait(object_list, timeout)
        finally:
            for pid in declared:
                _declare(pid, _continued)

    traced_wait._mpkit_traced = True
    connection.wait = traced_wait
