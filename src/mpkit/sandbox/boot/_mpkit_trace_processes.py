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


def _position(frame, _getattr=getattr, _enumerate=enumerate):
    """(line, column) of the instruction a frame is at; the column None
    where Python does not tell it (3.10)."""
    positions = _getattr(frame.f_code, "co_positions", None)
    if positions is not None:
        at = frame.f_lasti // 2
        for i, pos in _enumerate(positions()):
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


def _returncode(process, _getattr=getattr):
    """What the child's Popen knows of its end (None: not reaped yet); 0 when
    there is nothing to reap."""
    popen = _getattr(process, "_popen", None)
    return _getattr(popen, "returncode", 0) if popen is not None else 0


# The patches are sealed too, and the kit's alone: called again after the task's
# code replaced a helper, they would wrap the methods anew with it.
@sealed(emit, getattr, originals, property, snapshot_globals, staticmethod, POOL_TARGETS, ValueError, _waiting_for,
        pool_of, scan_shared, sealed, sentinels, set, state, student_called, target_of, type, _kit_caller,
        PermissionError, _loop_tests, _position, _inside, _returncode, time.monotonic_ns, sys._getframe, list,
        isinstance, str, any, Exception)
def patch_processes():
    (emit, getattr, originals, property, snapshot_globals, staticmethod, POOL_TARGETS, ValueError, _waiting_for,
     pool_of, scan_shared, sealed, sentinels, set, state, student_called, target_of, type, _kit,
     _error, _loop_tests, _position, _inside, _returncode, clock, getframe, list, isinstance, str, any,
     Exception) = "\x00mpkit:sealed"
    if not _kit(1):
        raise _error("mpkit: the task's code may not patch the recorder in again")
    import multiprocessing.process as mpp

    base = mpp.BaseProcess
    start, join, bootstrap, is_alive = base.start, base.join, base._bootstrap, base.is_alive
    terminate, kill = base.terminate, getattr(base, "kill", None)
    exitcode = originals["exitcode"] = base.exitcode.fget
    process_repr = base.__repr__
    # Reaps by multiprocessing that were no wait since this process last
    # started one, [child pid, t0, t1, how]: the next proc_start carries them.
    # Sealed into the functions that use them, never default arguments, which
    # a caller could pass (p.start(_side=...)) to plant excuses.
    side = []
    starting = []  # non-empty while start() runs: its _cleanup's reaps go to `side`
    loop_tests = {}  # source file -> _loop_tests(...)
    if hasattr(os, "register_at_fork"):  # a child forked inside start() starts with nothing pending
        os.register_at_fork(after_in_child=lambda: (side.clear(), starting.clear()))

    @sealed(start, base, target_of, pool_of, state, sentinels, emit, getattr, type, starting, side)
    def traced_start(self):
        (_start, _base, _target_of, _pool_of, _state, _sentinels, _emit, _getattr, _type, _starting,
         _side) = "\x00mpkit:sealed"
        target = _target_of(self, _base)  # start() deletes self._target
        pool = _pool_of(self) if target == "multiprocessing.pool.worker" else None
        _starting.append(True)
        try:
            _start(self)
        finally:
            _starting.pop()
        not_waited = _side[:]
        del _side[:]
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
            not_waited=not_waited,
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
        goes on? multiprocessing's own looks count as waits, as before."""
        _cache, _tests, _position, _inside, _isinstance, _str, _any = "\x00mpkit:sealed"
        module = frame.f_globals.get("__name__") or ""
        if not _isinstance(module, _str) or module.startswith(("multiprocessing.", "concurrent.", "_mpkit")):
            return True
        name = frame.f_code.co_filename
        spans = _cache.get(name)
        if spans is None:
            spans = _cache[name] = _tests(name)
        line, col = _position(frame)
        return _any(_inside(span, line, col) for span in spans)

    @sealed(exitcode, emit, getattr, ValueError, deciding, side, Exception)
    def ended_seen(self, via, window=None, frame=None):
        # A parent that polls is_alive() or exitcode until the child has ended
        # has waited for it as surely as join() does (both reap the child):
        # record it as a join, once. One that looks once (not in a loop) and
        # finds it ended has not waited: a join that says `look` (see above).
        _exitcode, _emit, _getattr, _closed, _deciding, _side, _error = "\x00mpkit:sealed"
        if self._popen is None or _getattr(self, "_mpkit_end_seen", False):
            return
        try:
            code = _exitcode(self)
        except _closed:
            return
        if code is not None:
            self._mpkit_end_seen = True
            try:
                look = frame is not None and not _deciding(frame)
            except _error:  # never the task's trouble: counted as a wait, as before
                look = False
            if look and window is not None:
                _side.append([self._popen.pid, window[0], window[1], via])
            _emit("join", child=self.pid, exitcode=code, via=via, look=look)

    @sealed(is_alive, ended_seen, _returncode, clock, getframe)
    def traced_is_alive(self):
        _is_alive, _ended_seen, _returncode, _clock, _getframe = "\x00mpkit:sealed"
        before, t0 = _returncode(self), _clock()
        alive = _is_alive(self)
        if not alive:
            _ended_seen(self, "is_alive", [t0, _clock()] if before is None else None, _getframe(1))
        return alive

    @sealed(exitcode, ended_seen, _returncode, clock, getframe)
    def traced_exitcode(self):
        _exitcode, _ended_seen, _returncode, _clock, _getframe = "\x00mpkit:sealed"
        before, t0 = _returncode(self), _clock()
        code = _exitcode(self)
        if code is not None:
            _ended_seen(self, "exitcode", [t0, _clock()] if before is None else None, _getframe(1))
        return code

    @sealed(process_repr, _returncode, clock, side)
    def traced_repr(self):
        _process_repr, _returncode, _clock, _side = "\x00mpkit:sealed"
        before, t0 = _returncode(self), _clock()
        text = _process_repr(self)
        if before is None and _returncode(self) is not None:  # it polled, and reaped the child: a look
            _side.append([self._popen.pid, t0, _clock(), "repr"])
        return text

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

    @sealed(cleanup, mpp, reaped, set, list, clock, _returncode, starting, side, cleaned)
    def traced_cleanup():
        _cleanup, _mpp, _reaped, _set, _list, _clock, _returncode, _starting, _side, _cleaned = "\x00mpkit:sealed"
        before = {p: _returncode(p) for p in _list(_mpp._children)}
        t0 = _clock()
        _cleanup()
        t1 = _clock()
        after = _set(_mpp._children)
        _reaped.extend(p for p in before if p not in after)
        own = [p for p, code in before.items() if code is None and _returncode(p) is not None]
        if _starting:
            _side.extend([p._popen.pid, t0, t1, "start"] for p in own)
        else:
            _cleaned.clear()
            _cleaned.update((p, [t0, t1]) for p in own)

    @sealed(active_children, reaped, ended_seen, cleaned, getframe)
    def traced_active_children():
        _active_children, _reaped, _ended_seen, _cleaned, _getframe = "\x00mpkit:sealed"
        _cleaned.clear()
        alive = _active_children()
        frame = _getframe(1)
        while _reaped:
            process = _reaped.pop()
            _ended_seen(process, "active_children", _cleaned.pop(process, None), frame)
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
