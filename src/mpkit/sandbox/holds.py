"""Children held at their exit until their parent waits (the observer, Linux).

Whether a parent waited for a child before starting the next one cannot be
told from timing: a child that ends fast is found ended by a look
(`print(p.is_alive())`) as by a loop waiting for it, and the shape of the code
tells a loop only so far (tests/tamper/f44). So where a run asks
(`RunSpec.hold_exits`), the tracer forces it: each child the run's main
process started (its own, or one its forkserver forked for it) is stopped at
its exit (PTRACE_EVENT_EXIT, before its files close).
Until it goes on, every look says it is running: its /proc state is a stop,
a WNOHANG wait finds nothing, its sentinel is not readable (measured,
FINDINGS f44). It goes on, and ends, when:
- its parent calls a wait that would block (join(), os.waitpid(pid, 0)):
  `wait`;
- its parent polls it POLLS times (is_alive() or exitcode in a loop,
  os.waitpid(pid, WNOHANG)): `polls`; the last poll is itself held until the
  child has ended, so it finds the end, whatever the timing;
- its parent says it waits on the child's sentinel (the recorder's
  connection.wait and join(timeout): a waitid that reaps nothing, known by
  its flags, `declared`): `wait`; no child of it is held until it says the
  wait is over, and the cross-check counts the saying as its wait then;
- HOLD_NS pass without either (a wait the kernel does not see: select on
  the sentinel, a read until EOF, a loop of looks, or no wait at all):
  `time`; the cross-check counts that as the parent's wait for it then
  (crosscheck.add_kernel_waits): it could not have gone on before;
- its parent ends, or the run is being stopped: `parent`, `finish`.
A look never ends a hold, so a run of the same code is judged the same way
every time. Plain bookkeeping: the tracer thread (observer.py) does the
ptrace calls.
"""
from __future__ import annotations

import os

POLLS = 3  # WNOHANG polls of one held child that end its hold (a loop); two looks stay looks
HOLD_NS = 1_000_000_000  # a hold no wait call ended: honest starts take milliseconds even on a loaded machine

_P_ALL, _P_PID = 0, 1
_WEXITED, _WCONTINUED, _WNOWAIT, _SAYS = 4, 8, 0x01000000, 0x20000000  # _SAYS: __WNOTHREAD


def _signed(value: int) -> int:
    """A syscall's int argument, read as the unsigned register it came in."""
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value & 0x80000000 else value


def wait_targets(name: str, args) -> tuple[int | None, bool] | None:
    """Which child a wait4/waitid call waits for (None: any) and whether it
    blocks; None when it waits for no exit (waitid without WEXITED)."""
    if name == "wait4":
        pid, options = _signed(args[0]), args[2]
        return (pid if pid > 0 else None), not options & os.WNOHANG
    idtype, ident, options = args[0], _signed(args[1]), args[3]
    if not options & _WEXITED:
        return None
    return (ident if idtype == _P_PID else None), not options & os.WNOHANG


def declared(name: str, args) -> tuple[int, bool] | None:
    """(child, True) when the recorder says its process now waits on the
    child's sentinel, (child, False) when that wait is over; else None."""
    if name != "waitid" or not args or args[0] != _P_PID:
        return None
    options = args[3]
    if options & (_SAYS | _WNOWAIT | os.WNOHANG) != _SAYS | _WNOWAIT | os.WNOHANG:
        return None
    return _signed(args[1]), not options & _WCONTINUED


class ExitHolds:
    """The children held at their exit stop, and why each went on."""

    def __init__(self, main_pid: int, declared_waits: list | None = None):
        self.main_pid = main_pid
        self.declared: dict[tuple, int] = {}  # (process, child) -> waits on its sentinel going on
        self.declared_waits = declared_waits if declared_waits is not None else []  # [(process, child, t)]
        self.held: dict[int, object] = {}  # pid -> KProc held at its exit stop
        self.polls: dict[int, int] = {}  # pid -> WNOHANG polls by its parent while held
        self.waiters: dict[int, list] = {}  # pid -> waiting threads to resume once it has ended
        self.closed = False  # the main process has ended: nobody is left to wait
        self.blocked: dict[int, tuple] = {}  # thread -> (its process, child or None): inside a wait that blocks

    @property
    def active(self) -> bool:
        return bool(self.held)

    def at_exit(self, proc, now: int, forked_by_server: bool = False) -> bool:
        """A process reached its exit stop: hold it? A child the main process
        started: its own, or one its forkserver forked for it (whose end the
        main process learns from the forkserver, over the sentinel)."""
        if self.closed or proc is None or proc.pid == self.main_pid:
            return False
        if proc.ppid != self.main_pid and not forked_by_server:
            return False
        proc.exit_ns, proc.held_for = now, self.main_pid
        if (self.main_pid, proc.pid) in self.declared or any(
                waiter == self.main_pid and child in (None, proc.pid) for waiter, child in self.blocked.values()):
            proc.released, proc.released_ns = "wait", now  # its parent is already waiting for it
            return False
        self.held[proc.pid] = proc
        return True

    def at_wait(self, tid: int, waiter: int, name: str, args, now: int) -> tuple[list[int], bool]:
        """A thread of `waiter` is entering a wait call: the held children to
        let go, and whether the waiting thread must stay stopped until they
        have ended (the poll that ends a hold must find the end)."""
        said = declared(name, args)
        if said is not None:
            return self._said(waiter, *said, now), False
        target = wait_targets(name, args) if args else None
        if target is None:
            return [], False
        child, blocking = target
        if blocking:
            self.blocked[tid] = (waiter, child)
        mine = [pid for pid, proc in self.held.items() if proc.held_for == waiter and child in (None, pid)]
        if not mine:
            return [], False
        if blocking:
            return self._let_go(mine, "wait", now), False
        done = []
        for pid in mine:
            self.polls[pid] = self.polls.get(pid, 0) + 1
            if self.polls[pid] >= POLLS:
                done.append(pid)
        if not done:
            return [], False
        self.waiters.setdefault(done[0], []).append(tid)
        return self._let_go(done, "polls", now), True

    def _said(self, waiter: int, child: int, waiting: bool, now: int) -> list[int]:
        key = (waiter, child)
        if not waiting:
            left = self.declared.pop(key, 0) - 1
            if left > 0:
                self.declared[key] = left
            return []
        self.declared[key] = self.declared.get(key, 0) + 1
        self.declared_waits.append((waiter, child, now))
        held = self.held.get(child)
        return self._let_go([child], "wait", now) if held is not None and held.held_for == waiter else []

    def wait_done(self, tid: int) -> None:
        """A thread's wait call returned (or the thread ended)."""
        self.blocked.pop(tid, None)

    def due(self, now: int) -> list[int]:
        """The holds that have lasted HOLD_NS: let go."""
        return self._let_go([pid for pid, proc in self.held.items() if now - proc.exit_ns >= HOLD_NS], "time", now)

    def parent_ended(self, pid: int, now: int) -> list[int]:
        self.closed = self.closed or pid == self.main_pid
        return self._let_go([c for c, proc in self.held.items() if pid in (proc.ppid, proc.held_for)], "parent", now)

    def finish(self, now: int) -> list[int]:
        return self._let_go(list(self.held), "finish", now)

    def ended(self, pid: int) -> list[int]:
        """A let-go child has ended: the waiting threads to resume."""
        return self.waiters.pop(pid, [])

    def _let_go(self, pids: list[int], why: str, now: int) -> list[int]:
        for pid in pids:
            proc = self.held.pop(pid)
            proc.released, proc.released_ns = why, now
            self.polls.pop(pid, None)
        return pids


def over_at_the_end(record, kernel) -> None:
    """A child held at its exit when the run looked for what it left running
    (the `alive` event) was over: its code had ended; only its parent had not
    waited for it. Not a leftover."""
    if kernel is None or not kernel.hold_exits:
        return
    alive = record.first("alive")
    t = alive["t"] if alive else None
    over = {p.pid for p in kernel.procs if p.exit_ns is not None and (t is None or p.exit_ns <= t)}
    record.leftovers = [pid for pid in record.leftovers if pid not in over]
