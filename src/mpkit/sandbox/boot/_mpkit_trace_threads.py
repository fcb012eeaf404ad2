"""The recorder's watch on threads: their start, end and joins.
Standard library only (see _mpkit_trace.py)."""
import sys
import threading

from _mpkit_trace_core import emit
from _mpkit_trace_values import snapshot_globals, target_of


def patch_threads():
    inner, join, is_alive = threading.Thread._bootstrap_inner, threading.Thread.join, threading.Thread.is_alive
    bootstrap = threading.Thread._bootstrap.__code__

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

    # The helpers as defaults: the task's code can replace this module's globals.
    def traced_inner(self, _getframe=sys._getframe, _bootstrap=bootstrap, _emit=emit, _snapshot=snapshot_globals,
                     _native_id=threading.get_native_id):
        caller = _getframe(1)
        if caller.f_code is not _bootstrap or caller.f_back is not None:
            # Not the first frame of a new thread (where Thread.start() has the
            # thread begin): the graded code called the bootstrap itself, in a
            # thread that already runs. Nothing started: nothing is recorded.
            return inner(self)
        tid = _native_id()
        target = target_of(self, threading.Thread)
        _emit("thread_start", thread=tid, name=self.name, target=target, globals=_snapshot())
        try:
            inner(self)
        finally:
            _emit("thread_end", thread=tid, target=target, globals=_snapshot())

    threading.Thread._bootstrap_inner = traced_inner
    threading.Thread.join = traced_join
    threading.Thread.is_alive = traced_is_alive
