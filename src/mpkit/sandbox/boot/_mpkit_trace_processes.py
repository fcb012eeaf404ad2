"""The recorder's watch on processes: their start, boot and end, the
parent's waits for them (join(), is_alive() or exitcode polled until the end,
active_children(), connection.wait() on a sentinel), terminate() and kill(),
and the student's code reading a child's PID.
Standard library only (see _mpkit_trace.py).
"""
import functools

from _mpkit_trace_core import emit, originals, sentinels, state, student_called
from _mpkit_trace_poolwork import POOL_TARGETS
from _mpkit_trace_pools import pool_of
from _mpkit_trace_shared import scan_shared
from _mpkit_trace_values import snapshot_globals, target_of


def _waiting_for(process, timeout, via="join"):
    """Record when the parent first waited for a child (join(), or a wait on
    its sentinel), even if in vain: a wait between two starts makes them run
    one after another."""
    if not getattr(process, "_mpkit_join_called", False) and process._popen is not None:
        process._mpkit_join_called = True
        emit("join_call", child=process.pid, timeout=timeout, via=via)


def patch_processes():
    import multiprocessing.process as mpp

    base = mpp.BaseProcess
    start, join, bootstrap, is_alive = base.start, base.join, base._bootstrap, base.is_alive
    terminate, kill = base.terminate, getattr(base, "kill", None)
    exitcode = originals["exitcode"] = base.exitcode.fget

    def traced_start(self):
        target = target_of(self, base)  # start() deletes self._target
        pool = pool_of(self) if target == "multiprocessing.pool.worker" else None
        start(self)
        self._mpkit_pid = self.pid  # still known after the student's close()
        state["children"].add(self.pid)
        sentinels[self.sentinel] = self
        emit(
            "proc_start",
            child=self.pid,
            name=self.name,
            target=target,
            daemon=self.daemon,
            method=getattr(type(self._popen), "method", None),
            pool=pool,
        )

    def traced_join(self, timeout=None):
        _waiting_for(self, timeout)
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

    # The helpers as defaults: the task's code can replace this module's globals.
    def traced_bootstrap(self, *args, _emit=emit, _snapshot=snapshot_globals, **kwargs):
        state["worker"] = target_of(self, base) in POOL_TARGETS
        _emit(
            "proc_boot",
            name=self.name,
            target=target_of(self, base),
            parent=getattr(self, "_parent_pid", None),
            globals=_snapshot(),
        )
        import random

        random.seed(0)  # every process alike, as the run's main process (_mpkit_harness)
        code = bootstrap(self, *args, **kwargs)
        scan_shared()
        _emit("proc_end", exitcode=code, globals=_snapshot())
        return code

    def traced_terminate(self):
        emit("terminate", child=self.pid)
        terminate(self)

    ident = base.ident.fget

    def traced_ident(self):
        # The student's code reading a child's PID off its Process object: a
        # PID it returns may come from there rather than from the child. Reads
        # by multiprocessing, concurrent.futures and the kit do not count.
        pid = ident(self)
        if pid in state["children"] and pid not in state["pids_read"] and student_called():
            state["pids_read"].add(pid)
            emit("pid_read", child=pid)
        return pid

    base.ident = base.pid = property(traced_ident, doc=base.ident.__doc__)
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

    # active_children() reaps the children that have ended, as join() would:
    # a parent that polls it until they are gone has waited for them. start()
    # reaps ended children too (both through _cleanup), but starting a process
    # is not waiting: what it reaped counts at the next active_children().
    import multiprocessing
    import multiprocessing.context as mpc

    active_children, cleanup = mpp.active_children, mpp._cleanup
    reaped = []

    def traced_cleanup():
        before = set(mpp._children)
        cleanup()
        reaped.extend(before - set(mpp._children))

    def traced_active_children():
        alive = active_children()
        while reaped:
            ended_seen(reaped.pop(), "active_children")
        return alive

    mpp._cleanup = traced_cleanup

    mpp.active_children = multiprocessing.active_children = traced_active_children
    mpc.BaseContext.active_children = staticmethod(traced_active_children)


def patch_wait(connection):
    """connection.wait() on a child's sentinel waits for it to end, as join() does."""
    wait = connection.wait
    if getattr(wait, "_mpkit_traced", False):
        return

    @functools.wraps(wait)
    def traced_wait(object_list, timeout=None):
        object_list = list(object_list)
        if sentinels and student_called():
            for obj in object_list:
                process = sentinels.get(obj) if isinstance(obj, int) else None
                if process is not None:
                    _waiting_for(process, timeout, "wait")
        return wait(object_list, timeout)

    traced_wait._mpkit_traced = True
    connection.wait = traced_wait
