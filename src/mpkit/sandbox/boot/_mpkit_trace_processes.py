"""The recorder's watch on processes: their start, boot and end, the
parent's waits for them (join(), is_alive() or exitcode polled until the end,
active_children(), connection.wait() on a sentinel), terminate() and kill(),
and the student's code reading a child's PID.
Standard library only (see _mpkit_trace.py).
"""
import functools

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
        PermissionError)
def patch_processes():
    (emit, getattr, originals, property, snapshot_globals, staticmethod, POOL_TARGETS, ValueError, _waiting_for,
     pool_of, scan_shared, sealed, sentinels, set, state, student_called, target_of, type, _kit,
     _error) = "\x00mpkit:sealed"
    if not _kit(1):
        raise _error("mpkit: the task's code may not patch the recorder in again")
    import multiprocessing.process as mpp

    base = mpp.BaseProcess
    start, join, bootstrap, is_alive = base.start, base.join, base._bootstrap, base.is_alive
    terminate, kill = base.terminate, getattr(base, "kill", None)
    exitcode = originals["exitcode"] = base.exitcode.fget

    @sealed(start, base, target_of, pool_of, state, sentinels, emit, getattr, type)
    def traced_start(self):
        _start, _base, _target_of, _pool_of, _state, _sentinels, _emit, _getattr, _type = "\x00mpkit:sealed"
        target = _target_of(self, _base)  # start() deletes self._target
        pool = _pool_of(self) if target == "multiprocessing.pool.worker" else None
        _start(self)
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

    @sealed(exitcode, emit, getattr, ValueError)
    def ended_seen(self, via):
        # A parent that polls is_alive() or exitcode until the child has ended
        # has waited for it as surely as join() does (both reap the child):
        # record it as a join, once.
        _exitcode, _emit, _getattr, _closed = "\x00mpkit:sealed"
        if self._popen is None or _getattr(self, "_mpkit_end_seen", False):
            return
        try:
            code = _exitcode(self)
        except _closed:
            return
        if code is not None:
            self._mpkit_end_seen = True
            _emit("join", child=self.pid, exitcode=code, via=via)

    def traced_is_alive(self, _is_alive=is_alive, _ended_seen=ended_seen):
        alive = _is_alive(self)
        if not alive:
            _ended_seen(self, "is_alive")
        return alive

    def traced_exitcode(self, _exitcode=exitcode, _ended_seen=ended_seen):
        code = _exitcode(self)
        if code is not None:
            _ended_seen(self, "exitcode")
        return code

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
    # a parent that polls it until they are gone has waited for them. start()
    # reaps ended children too (both through _cleanup), but starting a process
    # is not waiting: what it reaped counts at the next active_children().
    import multiprocessing
    import multiprocessing.context as mpc

    active_children, cleanup = mpp.active_children, mpp._cleanup
    reaped = []

    def traced_cleanup(_cleanup=cleanup, _mpp=mpp, _reaped=reaped, _set=set):
        before = _set(_mpp._children)
        _cleanup()
        _reaped.extend(before - _set(_mpp._children))

    def traced_active_children(_active_children=active_children, _reaped=reaped, _ended_seen=ended_seen):
        alive = _active_children()
        while _reaped:
            _ended_seen(_reaped.pop(), "active_children")
        return alive

    mpp._cleanup = traced_cleanup

    mpp.active_children = multiprocessing.active_children = traced_active_children
    mpc.BaseContext.active_children = staticmethod(traced_active_children)


@sealed(sentinels, student_called, _waiting_for, getattr, functools.wraps, _kit_caller, PermissionError, list,
        isinstance, int)
def patch_wait(connection):  # sealed at import: it may run after the task's code
    """connection.wait() on a child's sentinel waits for it to end, as join() does."""
    (_sentinels, _student_called, _waiting, _getattr, _wraps, _kit, _error, list, isinstance,
     int) = "\x00mpkit:sealed"
    if not _kit(1):
        raise _error("mpkit: the task's code may not patch the recorder in again")
    wait = connection.wait
    if _getattr(wait, "_mpkit_traced", False):
        return

    @_wraps(wait)
    def traced_wait(object_list, timeout=None, _wait=wait, _sentinels=_sentinels, _student_called=_student_called,
                    _waiting_for=_waiting, _list=list, _isinstance=isinstance, _int=int):
        object_list = _list(object_list)
        if _sentinels and _student_called():
            for obj in object_list:
                process = _sentinels.get(obj) if _isinstance(obj, _int) else None
                if process is not None:
                    _waiting_for(process, timeout, "wait")
        return _wait(object_list, timeout)

    traced_wait._mpkit_traced = True
    connection.wait = traced_wait
