"""The recorder's watch on processes: their start, boot and end, the
parent's waits for them (join(), is_alive() or exitcode polled until the end,
active_children(), connection.wait() on a sentinel), terminate() and kill(),
and the student's code reading a child's PID.

Reaps that were no wait. The kernel observer sees every wait call that reported
a child's end, and the cross-check counts each as the caller's wait for it
(sandbox/crosscheck.py: add_kernel_waits), unless the recorder says it was
multiprocessing reaping the child on the side, where the code did not wait:
- start()'s _cleanup, which polls every child before it forks the next;
- an is_alive(), exitcode or active_children() that found the child ended at
  a look, not in a loop waiting for it (`print(p.is_alive())` after start():
  only the condition of a `while`, or of an `if` that leaves a loop, decides
  a loop);
- repr(p), which polls too.
Each is recorded with the time before and after the call that reaped
([child, t0, t1, how]) and carried by the process's next proc_start event
(`not_waited`), which is one per start and tied to the kernel's fork: no line
written on the record can add one. The cross-check excuses only a reap the
kernel saw inside that window. The join event of such a look
says `look`: it does not count as waiting before a start (Q6). multiprocessing's
own calls of them (a Pool's, at exit) are waits, as before.
Standard library only (see _mpkit_trace.py).
"""
import ast
import functools
import io
import os
import sys
import time

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


_LOOPS, _SCOPES = (ast.While, ast.For, ast.AsyncFor), (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


# Taken at import, before any task code (which could replace linecache's
# cache, ast's classes or open): where the loops of the running file are.
def _loop_tests(filename, _read=io.open_code, _parse=ast.parse, _children=ast.iter_child_nodes,
                _while=ast.While, _if=ast.If, _leave=(ast.Break, ast.Return), _loops=_LOOPS, _scopes=_SCOPES,
                _isinstance=isinstance, _any=any, _str=str):
    """Where the loops of a source file are decided: the span (line, column,
    end line, end column) of the condition of each `while`, and of each `if`
    inside a loop whose branch leaves it (`break`, `return`)."""
    spans = []
    try:
        with _read(_str(filename)) as f:
            tree = _parse(f.read())
    except (SyntaxError, ValueError, OSError, MemoryError, RecursionError, TypeError):
        return spans

    def walk(node, in_loop):
        if _isinstance(node, _while) or (in_loop and _isinstance(node, _if) and _any(
                _isinstance(s, _leave) for s in node.body + node.orelse)):
            test = node.test
            spans.append((test.lineno, test.col_offset, test.end_lineno, test.end_col_offset))
        if _isinstance(node, _scopes):
            in_loop = False
        elif _isinstance(node, _loops):
            in_loop = True
        for child in _children(node):
            walk(child, in_loop)

    try:
        walk(tree, False)
    except RecursionError:
        pass
    return spans


def _position(frame):
    """(line, column) of the instruction a frame is at; the column None
    where Python does not tell it (3.10)."""
    positions = getattr(frame.f_code, "co_positions", None)
    if positions is not None:
        at = frame.f_lasti // 2
        for i, pos in enumerate(positions()):
            if i == at:
                if pos[0] is not None and pos[2] is not None:
                    return pos[0], pos[2]
                break
    return frame.f_lineno, None


def _inside(span, line, col):
    first, first_col, last, last_col = span
    if col is None:
        return first <= line <= last
    return (first, first_col) <= (line, col) < (last, last_col)


def _returncode(process):
    """What the child's Popen knows of its end (None: not reaped yet); 0 when
    there is nothing to reap."""
    popen = getattr(process, "_popen", None)
    return getattr(popen, "returncode", 0) if popen is not None else 0


def patch_processes():
    import multiprocessing.process as mpp

    base = mpp.BaseProcess
    start, join, bootstrap, is_alive = base.start, base.join, base._bootstrap, base.is_alive
    terminate, kill = base.terminate, getattr(base, "kill", None)
    exitcode = originals["exitcode"] = base.exitcode.fget
    process_repr = base.__repr__
    clock, getframe = time.monotonic_ns, sys._getframe
    # Reaps by multiprocessing that were no wait since this process last
    # started one, [child pid, t0, t1, how]: the next proc_start carries them.
    side = []
    starting = []  # non-empty while start() runs: its _cleanup's reaps go to `side`
    loop_tests = {}  # source file -> _loop_tests(...)
    if hasattr(os, "register_at_fork"):  # a child forked inside start() starts with nothing pending
        os.register_at_fork(after_in_child=lambda: (side.clear(), starting.clear()))

    def traced_start(self):
        target = target_of(self, base)  # start() deletes self._target
        pool = pool_of(self) if target == "multiprocessing.pool.worker" else None
        starting.append(True)
        try:
            start(self)
        finally:
            starting.pop()
        not_waited = side[:]
        del side[:]
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
            not_waited=not_waited,
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

    def deciding(frame, _tests=_loop_tests, _position=_position, _inside=_inside):
        """Does the is_alive()/exitcode the frame is at decide whether a loop
        goes on? multiprocessing's own looks count as waits, as before."""
        module = frame.f_globals.get("__name__") or ""
        if not isinstance(module, str) or module.startswith(("multiprocessing.", "concurrent.", "_mpkit")):
            return True
        name = frame.f_code.co_filename
        spans = loop_tests.get(name)
        if spans is None:
            spans = loop_tests[name] = _tests(name)
        line, col = _position(frame)
        return any(_inside(span, line, col) for span in spans)

    def ended_seen(self, via, window=None, frame=None):
        # A parent that polls is_alive() or exitcode until the child has ended
        # has waited for it as surely as join() does (both reap the child):
        # record it as a join, once. One that looks once (not in a loop) and
        # finds it ended has not waited: a join that says `look` (see above).
        if self._popen is None or getattr(self, "_mpkit_end_seen", False):
            return
        try:
            code = exitcode(self)
        except ValueError:
            return
        if code is not None:
            self._mpkit_end_seen = True
            try:
                look = frame is not None and not deciding(frame)
            except Exception:  # never the task's trouble: counted as a wait, as before
                look = False
            if look and window is not None:
                side.append([self._popen.pid, window[0], window[1], via])
            emit("join", child=self.pid, exitcode=code, via=via, look=look)

    def traced_is_alive(self):
        before, t0 = _returncode(self), clock()
        alive = is_alive(self)
        if not alive:
            ended_seen(self, "is_alive", [t0, clock()] if before is None else None, getframe(1))
        return alive

    def traced_exitcode(self):
        before, t0 = _returncode(self), clock()
        code = exitcode(self)
        if code is not None:
            ended_seen(self, "exitcode", [t0, clock()] if before is None else None, getframe(1))
        return code

    def traced_repr(self):
        before, t0 = _returncode(self), clock()
        text = process_repr(self)
        if before is None and _returncode(self) is not None:  # it polled, and reaped the child: a look
            side.append([self._popen.pid, t0, clock(), "repr"])
        return text

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
    base.__repr__ = traced_repr
    base.terminate = traced_terminate
    if kill is not None:

        def traced_kill(self):
            emit("kill", child=self.pid)
            kill(self)

        base.kill = traced_kill

    # active_children() reaps the children that have ended, as join() would:
    # a parent that polls it until they are gone has waited for them (one that
    # looks once has not, as with is_alive()). start() reaps ended children too
    # (both through _cleanup), but starting a process is not waiting: what it
    # reaped counts at the next active_children(), and what its own polls
    # reaped (not what the code had reaped before) goes to the next proc_start,
    # as no wait.
    import multiprocessing
    import multiprocessing.context as mpc

    active_children, cleanup = mpp.active_children, mpp._cleanup
    reaped = []
    cleaned = {}  # Process -> [t0, t1]: reaped by the polls of the last _cleanup outside start()

    def traced_cleanup():
        before = {p: _returncode(p) for p in list(mpp._children)}
        t0 = clock()
        cleanup()
        t1 = clock()
        after = set(mpp._children)
        reaped.extend(p for p in before if p not in after)
        own = [p for p, code in before.items() if code is None and _returncode(p) is not None]
        if starting:
            side.extend([p._popen.pid, t0, t1, "start"] for p in own)
        else:
            cleaned.clear()
            cleaned.update((p, [t0, t1]) for p in own)

    def traced_active_children():
        cleaned.clear()
        alive = active_children()
        frame = getframe(1)
        while reaped:
            process = reaped.pop()
            ended_seen(process, "active_children", cleaned.pop(process, None), frame)
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
