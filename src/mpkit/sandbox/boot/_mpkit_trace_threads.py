"""The recorder's watch on threads: their start, end and joins.
Standard library only (see _mpkit_trace.py)."""
import sys
import threading

from _mpkit_trace_core import _kit_caller, emit, sealed
from _mpkit_trace_values import snapshot_globals, target_of


@sealed(emit, getattr, sealed, snapshot_globals, sys, target_of, threading, _kit_caller, PermissionError)
def patch_threads():  # sealed and the kit's alone, as _mpkit_trace_processes.patch_processes
    emit, getattr, sealed, snapshot_globals, sys, target_of, threading, _kit, _error = "\x00mpkit:sealed"
    if not _kit(1):
        raise _error("mpkit: the task's code may not patch the recorder in again")
    inner, join, is_alive = threading.Thread._bootstrap_inner, threading.Thread.join, threading.Thread.is_alive
    bootstrap = threading.Thread._bootstrap.__code__

    # Sealed helpers (_mpkit_trace_core.sealed): defaults could be overridden by
    # the task's own call of the method (f30), cells rewritten, globals replaced.
    @sealed(emit, getattr)
    def ended_seen(self):
        # join(), or is_alive() polled until False: either way the caller waited
        # for the thread to end. Recorded once.
        _emit, _getattr = "\x00mpkit:sealed"
        if self.native_id is not None and not _getattr(self, "_mpkit_joined", False):
            self._mpkit_joined = True
            _emit("thread_join", thread=self.native_id)

    @sealed(join, is_alive, ended_seen)
    def traced_join(self, timeout=None):
        _join, _is_alive, _ended_seen = "\x00mpkit:sealed"
        _join(self, timeout)
        if not _is_alive(self):
            _ended_seen(self)

    @sealed(is_alive, ended_seen)
    def traced_is_alive(self):
        _is_alive, _ended_seen = "\x00mpkit:sealed"
        alive = _is_alive(self)
        if not alive and self._started.is_set():
            _ended_seen(self)
        return alive

    @sealed(sys._getframe, bootstrap, inner, threading.Thread, target_of, emit, snapshot_globals,
            threading.get_native_id)
    def traced_inner(self):
        _getframe, _bootstrap, _inner, _thread, _target_of, _emit, _snapshot, _native_id = "\x00mpkit:sealed"
        caller = _getframe(1)
        if caller.f_code is not _bootstrap or caller.f_back is not None:
            # Not the first frame of a new thread (where Thread.start() has the
            # thread begin): the graded code called the bootstrap itself, in a
            # thread that already runs. Nothing started: nothing is recorded.
            del caller
            return _inner(self)
        del caller
        tid = _native_id()
        target = _target_of(self, _thread)
        _emit("thread_start", thread=tid, name=self.name, target=target, globals=_snapshot())
        try:
            _inner(self)
        finally:
            _emit("thread_end", thread=tid, target=target, globals=_snapshot())

    threading.Thread._bootstrap_inner = traced_inner
    threading.Thread.join = traced_join
    threading.Thread.is_alive = traced_is_alive
