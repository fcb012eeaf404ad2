"""Process facts of a run, seen from outside its processes (Linux, ptrace).

Which processes a run had, with which parent, when each started and ended
and how (exit code or signal), whether it exec'd, and which process reaped
(waited for) which and when. Student code cannot reach any of it: the facts
come from the kernel to a thread of the grading process.

Design (measured on kernel 6.18, root, 2 cores):

- **ptrace, chosen.** A tracer thread in the grader PTRACE_SEIZEs the run's
  main process (which waits for it, see boot/_mpkit_observed.py) with
  TRACEFORK/VFORK/CLONE/EXEC/SECCOMP and EXITKILL. Every process and thread
  the run makes is attached before it runs a single instruction, so its
  start is stamped before any event it could write; its death is reported
  to the tracer before its parent can reap it. A seccomp filter installed
  by the run makes only wait4 and waitid stop (SECCOMP_RET_TRACE); the
  tracer then steps to the syscall's exit and reads what it returned, so a
  reap is known exactly: by which process, of which child, stamped while
  the reaper is still stopped, i.e. before anything it records after it.
  Threads (CLONE_THREAD) are followed, for their waits (a Pool's handler
  thread reaps workers), but are not processes. At each exec's stop, before
  the new program runs, only multiprocessing's own Python with the run's
  settings may go on (programs.py); anything else is killed there.
  Runs that ask (RunSpec.hold_exits) also stop every process at its exit
  (TRACEEXIT) and hold the main process's children there until their parent
  waits for them (holds.py). Runs that follow PIDs also stop at the calls
  that move bytes (flows.py) and that map shared memory, whose writers a
  thread of pagewriters.py watches.
- **netlink proc connector (CN_PROC), measured, not chosen.** Works here
  (root, this network namespace): fork/exec/exit with exit status and
  CLOCK_MONOTONIC stamps, system-wide, no stops at all. It cannot tell who
  reaped whom or when, and needs root.
- **pidfds, measured, not chosen.** POLLIN at exit, POLLHUP once reaped
  (6.18): the reap is seen only when the grader looks (an upper bound, too
  late to order it before a join the run records) and without the reaper;
  a pidfd opened after the reap finds nothing.
- **seccomp user notification, not chosen.** Stops the waiter at the entry
  of wait4, never shows what it returned: a WNOHANG poll that reaped
  nothing looks like a join.
- **python-ptrace (PyPI 0.9.9), not used.** A debugger library built on
  PTRACE_ATTACH and waitpid over all children; no SEIZE/LISTEN, no per-thread
  wait (the grader has other children), GPL-2.0. We need a few calls (ctypes).

Robustness: the tracer never blocks the grader (`finish()` waits a bounded
time); it SIGKILLs every process of the run still alive when the run is
over (it knows them all, PID reuse cannot fool it); group stops (the
reaper's SIGSTOP) are kept with PTRACE_LISTEN; EXITKILL kills the run if the
tracer thread ends first, so nothing is ever left stopped or traced.
"""
from __future__ import annotations

import errno
import os
import platform
import signal
import struct
import sys
import threading
import time
from . import uffd
from .boot._mpkit_observed import MEMORY_CALLS
from .flows import FlowWatch
from .holds import ExitHolds
from .kernel_record import EndSeen, KernelRecord, KProc, Reap
from .pagewriters import PageWriters
from .programs import foreign, runs_forkserver
from .ptrace import (_CLD_REAPED, _CONT, _EV_CLONE, _EV_EXEC, _EV_EXIT, _EV_FORK, _EV_SECCOMP, _EV_STOP, _EV_VFORK,
                     _GROUP_STOPS, _LISTEN, _O_TRACEEXIT, _OP_EXIT, _OP_SECCOMP, _SEIZE, _SYSCALL, _SYSCALLS, _WALL,
                     _WNOTHREAD, _WNOWAIT, OPTIONS, _event_msg, _ptrace, _read_memory, _resume, _status_fields,
                     _syscall_info, _tracer_of)

# How long finish() waits for the tracer to see the last death once it has
# killed what was left (a killed process dies in microseconds).
FINISH_TIMEOUT = 5.0
# While a child is held at its exit (holds.py), the tracer polls for stops:
# a short nap after each, longer while none comes (a join of a held child
# waits on two of them: 0.1 ms measured +2 ms a Q6 run, 1 ms +13 ms).
NAP_FIRST, NAP_MOST = 0.0001, 0.002


_broken: list = []  # why ptrace failed here once: not tried again (each try holds a run up)


def unavailable() -> str | None:
    """Why this machine cannot observe runs, or None."""
    if _broken:
        return _broken[0]
    if not sys.platform.startswith("linux"):
        return "not Linux"
    if platform.machine() not in _SYSCALLS:
        return f"no kernel observer for {platform.machine()}"
    return None



# Seconds a thread of the grading process may hold the GIL while another waits.
# Every process of a traced run waits at each of its stops until a tracer
# thread gets the GIL; at Python's default (5 ms) a grader busy with checks
# would hold up the runs it traces.
SWITCH_INTERVAL = 0.0005


def _prompt_threads() -> None:
    if sys.getswitchinterval() > SWITCH_INTERVAL:
        sys.setswitchinterval(SWITCH_INTERVAL)


class Observer:
    """Trace one run's process tree from a thread of the grading process.

    `start(pid)` right after the run's main process exists (it waits for the
    tracer before running student code); `finish()` once the run is over:
    returns the KernelRecord."""

    def __init__(self, follow_pids: bool = False, run_dir=None, env: dict | None = None, hold_exits: bool = False):
        self._follow_pids, self._run_dir = follow_pids, run_dir
        self._hold_exits = hold_exits
        self._holds: ExitHolds | None = None  # children held at their exit (holds.py), if asked
        self._forkservers: set = set()  # processes that exec'd multiprocessing's forkserver (holds only)
        self._env = env  # the run's environment: what an exec'd Python must keep (programs.py)
        self._python: str | None = None  # the run's interpreter, as the kernel names it
        self._flows: FlowWatch | None = None
        self._pages: PageWriters | None = None  # who writes shared memory (runs that follow PIDs)
        self._memory = {nr: name for name, nr in MEMORY_CALLS.get(platform.machine(), {}).items()}
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._live: dict[int, KProc] = {}  # tgid -> living process
        self._closing = False
        self.record: KernelRecord | None = None
        self._syscalls = _SYSCALLS.get(platform.machine(), {})

    def start(self, pid: int) -> None:
        self.record = KernelRecord(main_pid=pid, follow_pids=self._follow_pids, hold_exits=self._hold_exits)
        if self._hold_exits:
            self._holds = ExitHolds(pid, self.record.declared_waits)
        if self._follow_pids:
            self._flows = FlowWatch(self.record, self._run_dir)
        why = unavailable()
        if why:
            self.record.problem = why
            return
        if self._follow_pids:
            self.record.shared_problem = uffd.unavailable()
            if self.record.shared_problem is None:
                self._pages = PageWriters(self.record, pid)
        _prompt_threads()
        attached = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(pid, attached), name=f"mpkit-observer-{pid}",
                                        daemon=True)
        self._thread.start()
        attached.wait(5.0)

    def finish(self, timeout: float = FINISH_TIMEOUT) -> KernelRecord:
        """Kill what is left of the run, wait (bounded) for the tracer to see
        it end, and return the record."""
        record = self.record
        if self._thread is None:
            return record
        deadline = time.monotonic() + timeout
        while self._thread.is_alive() and time.monotonic() < deadline:
            with self._lock:
                self._closing = True
                left = list(self._live)
            for pid in left:
                if _tracer_of(pid) == self._thread.native_id:  # ours still: not a reused PID
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
            self._thread.join(0.05)
        if self._thread.is_alive():
            record.problem = record.problem or "the tracer did not see the run end in time"
        elif self._pages is not None:
            self._pages.finish()
        return record

    # -- the tracer thread ----------------------------------------------------
    def _run(self, pid: int, attached: threading.Event) -> None:
        record = self.record
        try:
            _ptrace(_SEIZE, pid, 0, OPTIONS | (_O_TRACEEXIT if self._holds or self._pages else 0))
        except OSError as exc:
            record.problem = f"ptrace could not attach: {exc.strerror}"
            if exc.errno in (errno.EPERM, errno.ENOSYS):  # forbidden here (seccomp, Yama): say so, once
                _broken.append(record.problem)
            attached.set()
            return
        record.attached_ns = time.monotonic_ns()
        try:
            self._python = os.readlink(f"/proc/{pid}/exe")
        except OSError:
            pass
        main = KProc(pid=pid, ppid=_status_fields(pid).get("PPid"), start_ns=None)
        record.procs.append(main)
        with self._lock:
            self._live[pid] = main
        attached.set()
        try:
            self._loop(pid)
        except Exception as exc:  # a bug here must not leave the run traced: EXITKILL ends it with the thread
            record.problem = f"observer error: {exc!r}"
            with self._lock:
                left = list(self._live)
            for p in left:
                try:
                    os.kill(p, signal.SIGKILL)
                except OSError:
                    pass

    def _loop(self, main_pid: int) -> None:
        record = self.record
        tgid_of = {main_pid: main_pid}  # every traced thread -> its process
        pending: dict[int, tuple] = {}  # thread -> (syscall name, args) waiting for its exit stop
        # Tasks seen (first stop) before their parent's fork/clone event: the
        # event may come after the task has already ended.
        unclaimed: set = set()
        holds = self._holds
        nap = NAP_FIRST
        while True:
            polling = holds is not None and holds.active  # a hold may have to end with no stop to wake for
            try:
                tid, status = os.waitpid(-1, _WALL | _WNOTHREAD | (os.WNOHANG if polling else 0))
            except ChildProcessError:
                record.complete = True
                return
            except InterruptedError:
                continue
            now = time.monotonic_ns()
            if polling:
                for held in holds.finish(now) if self._closing else holds.due(now):
                    _resume(_CONT, held)
                if tid == 0:
                    time.sleep(nap)
                    nap = min(nap * 2, NAP_MOST)
                    continue
            nap = NAP_FIRST
            record.stops += 1
            if os.WIFEXITED(status) or os.WIFSIGNALED(status):
                tgid = tgid_of.pop(tid, tid)
                pending.pop(tid, None)
                if holds is not None:
                    holds.wait_done(tid)
                if tid == tgid:
                    self._ended(tgid, status, now)
                    for waiter in holds.ended(tgid) if holds else ():
                        _resume(_SYSCALL, waiter)
                continue
            if not os.WIFSTOPPED(status):
                continue
            sig, event = os.WSTOPSIG(status), status >> 16
            if tid not in tgid_of:  # a new task's first stop, before its parent's event
                self._new_task(tid, None, now, tgid_of)
                unclaimed.add(tid)
            if event in (_EV_FORK, _EV_VFORK, _EV_CLONE):
                try:
                    child = _event_msg(tid)
                except OSError:
                    child = None
                if child in unclaimed:
                    unclaimed.discard(child)
                elif child is not None and child not in tgid_of:
                    self._new_task(child, tgid_of.get(tid, tid), now, tgid_of)
                _resume(_CONT, tid)
            elif event == _EV_EXEC:
                proc = self._live.get(tgid_of.get(tid, tid))
                if proc is not None:
                    proc.execs += 1
                try:
                    former = _event_msg(tid)
                    if former != tid:  # a thread exec'd: it took the leader's pid
                        tgid_of.pop(former, None)
                except OSError:
                    pass
                if self._pages is not None:
                    self._pages.gone(tgid_of.get(tid, tid))  # its memory was replaced
                self._check_program(tgid_of.get(tid, tid))
                if self._holds is not None and runs_forkserver(tgid_of.get(tid, tid)):
                    self._forkservers.add(tgid_of.get(tid, tid))
                _resume(_CONT, tid)
            elif event == _EV_EXIT:
                if self._at_exit(tid, tgid_of.get(tid, tid), now):
                    continue  # held: goes on when holds.py says
                _resume(_CONT, tid)
            elif event == _EV_SECCOMP:
                record.filtered = True
                try:
                    op, nr, args = _syscall_info(tid)
                except OSError:
                    op = None
                name = self._syscalls.get(nr) if op == _OP_SECCOMP else None
                io = self._flows.calls.get(nr) if self._flows and op == _OP_SECCOMP and not name else None
                memory = self._memory.get(nr) if self._flows and op == _OP_SECCOMP and not (name or io) else None
                if memory:  # pagewriters.py
                    if self._pages is not None and self._pages.entry(tgid_of.get(tid, tid), memory):
                        pending[tid] = ("memory", memory)
                elif io:  # a call moving bytes (flows.py): a read is seen at its exit
                    record.io_seen = True
                    read = self._flows.entry(tid, tgid_of.get(tid, tid), io, args, now)
                    if read is not None:
                        pending[tid] = ("io", read)
                elif name:
                    pending[tid] = (name, args)
                    if holds is not None:
                        released, keep = holds.at_wait(tid, tgid_of.get(tid, tid), name, args, now)
                        for held in released:
                            _resume(_CONT, held)
                        if keep:
                            continue  # this poll goes on once the child it let go has ended
                _resume(_SYSCALL if (io or name or memory) and tid in pending else _CONT, tid)
            elif event == _EV_STOP:
                if sig in _GROUP_STOPS:
                    _resume(_LISTEN, tid)  # keep it stopped, as SIGSTOP meant (the reaper freezes trees)
                else:
                    _resume(_SYSCALL if tid in pending else _CONT, tid)
            elif sig == (signal.SIGTRAP | 0x80):  # a syscall stop
                call = pending.pop(tid, None)
                if call is not None:
                    try:
                        op, rval, _ = _syscall_info(tid)
                    except OSError:
                        op = None
                    if op == _OP_EXIT and call[0] == "io":
                        self._flows.exit(tid, tgid_of.get(tid, tid), call[1], rval, now)
                    elif op == _OP_EXIT and call[0] == "memory":
                        self._pages.exit(tgid_of.get(tid, tid), call[1], rval)
                    elif op == _OP_EXIT:
                        self._waited(tid, tgid_of.get(tid, tid), call, rval, now)
                    if holds is not None and call[0] not in ("io", "memory"):
                        holds.wait_done(tid)
                _resume(_CONT, tid)
            else:  # a signal for the tracee: deliver it
                _resume(_SYSCALL if tid in pending else _CONT, tid, sig)

    def _at_exit(self, tid: int, tgid: int, now: int) -> bool:
        """A task at its exit stop (runs that hold exits): hold it? A process
        ending lets go of the children held for it."""
        if self._pages is not None and tid == tgid:
            self._pages.leaving(tgid)  # its memory, read while it is still there
        holds = self._holds
        if holds is None or tid != tgid:
            return False
        proc = self._live.get(tgid)
        parent = self._live.get(proc.ppid) if proc is not None else None
        served = parent is not None and parent.pid in self._forkservers and parent.ppid == holds.main_pid
        if holds.at_exit(proc, now, served):
            return True
        for held in holds.parent_ended(tgid, now):
            _resume(_CONT, held)
        return False

    def _check_program(self, pid: int) -> None:
        """At an exec's stop, before the new program runs: only the run's own
        Python as multiprocessing starts it may run (programs.py); anything
        else is killed there, and the record says so."""
        if self._env is None:
            return
        why = foreign(pid, self._python, self._env)
        if why:
            self.record.foreign.append(f"process {pid}: {why}")
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass

    def _new_task(self, tid, parent_tgid, now, tgid_of) -> None:
        """A task seen for the first time: a thread of a process, or a process."""
        fields = _status_fields(tid)
        tgid = fields.get("Tgid", tid)
        tgid_of[tid] = tgid
        if tgid != tid:
            return  # a thread: not a process
        ppid = fields.get("PPid") or parent_tgid
        if self._pages is not None:
            self._pages.checkpoint(now)  # what shared memory held before it was born, seen before it runs
        proc = KProc(pid=tid, ppid=ppid, start_ns=now)
        self.record.procs.append(proc)
        with self._lock:
            self._live[tid] = proc

    def _ended(self, tgid: int, status: int, now: int) -> None:
        with self._lock:
            proc = self._live.pop(tgid, None)
        self._forkservers.discard(tgid)
        if self._pages is not None:
            self._pages.gone(tgid)
        if proc is None:
            return
        proc.end_ns = now
        if os.WIFSIGNALED(status):
            proc.signal = os.WTERMSIG(status)
        else:
            proc.exit_code = os.WEXITSTATUS(status)

    def _waited(self, tid, tgid, call, rval, now) -> None:
        name, args = call
        options = (args[2] if name == "wait4" else args[3]) if args and len(args) > 3 else 0
        blocking = not (options & os.WNOHANG)
        nowait = name == "waitid" and bool(options & _WNOWAIT)
        if name == "wait4":
            child = rval if rval > 0 else None
        else:  # waitid: returns 0; the child is in the siginfo it filled (si_pid 0: nothing to report)
            child = None
            if rval == 0 and args and args[2]:
                info = _read_memory(tid, args[2], 32)
                if info and len(info) >= 20:
                    code, child_pid = struct.unpack_from("=i", info, 8)[0], struct.unpack_from("=i", info, 16)[0]
                    child = child_pid if child_pid > 0 and code in _CLD_REAPED else None
        if child is None:  # nothing to report (a poll that found nothing yet, an error)
            return
        proc = next((p for p in reversed(self.record.procs) if p.pid == child), None)
        if proc is None or proc.end_ns is None:  # a stop report (the kernel tells the tracer of a death first)
            return
        self.record.ends_seen.append(EndSeen(waiter=tgid, thread=tid, child=child, t_ns=now, via=name,
                                             blocking=blocking, reaped=not nowait))
        if nowait:
            return
        if proc.reaped_ns is None:
            proc.reaped_by, proc.reaped_ns = tgid, now
            self.record.reaps.append(Reap(reaper=tgid, thread=tid, child=child, t_ns=now, via=name,
                                          blocking=blocking))
