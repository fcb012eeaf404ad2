"""What the process observer (observer.py) saw of one run: its processes,
their reaps, the waits that reported a child's end, and the PID flows.
Plain data, read by the cross-check (crosscheck.py) and the graders."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class KProc:
    """One process as the kernel showed it (one per incarnation of a PID)."""

    pid: int
    ppid: int | None
    start_ns: int | None  # None: the run's main process, already running when attached
    end_ns: int | None = None
    exit_code: int | None = None  # when it exited
    signal: int | None = None  # when a signal ended it
    execs: int = 0
    reaped_by: int | None = None
    reaped_ns: int | None = None
    # Runs that hold exits (holds.py): when its exit began (its code was over),
    # and why and when it was let go on to end.
    exit_ns: int | None = None
    held_for: int | None = None  # the process whose wait lets it go (its parent, or its forkserver's)
    released: str | None = None
    released_ns: int | None = None

    @property
    def end_code(self) -> int | None:
        """As multiprocessing reports it: the exit code, or minus the signal."""
        if self.signal is not None:
            return -self.signal
        return self.exit_code

    def alive_at(self, t: int) -> bool:
        return (self.start_ns is None or self.start_ns <= t) and (self.end_ns is None or t <= self.end_ns)


@dataclass
class Reap:
    reaper: int  # the process (thread group) whose thread's wait returned the child
    thread: int
    child: int
    t_ns: int
    via: str  # "wait4" or "waitid"
    blocking: bool = False  # a wait without WNOHANG: the reaper waited for the child's end


@dataclass
class EndSeen:
    """A wait call (wait4 or waitid; blocking or a poll; reaping or WNOWAIT)
    that told the process calling it that one of its children had ended: from
    then on that process knew it. A poll that returned nothing is not one."""

    waiter: int  # the process (thread group) whose thread called it
    thread: int
    child: int
    t_ns: int
    via: str  # "wait4" or "waitid"
    blocking: bool  # no WNOHANG: the caller waited for the end
    reaped: bool  # the child was reaped by it (no WNOWAIT)


@dataclass
class KernelRecord:
    main_pid: int
    attached_ns: int | None = None
    filtered: bool = False  # the run's seccomp filter was seen in force: reaps are seen
    complete: bool = False  # the tracer saw every process of the run end
    problem: str | None = None  # why the record cannot be relied on, if so
    procs: list = field(default_factory=list)  # [KProc], in order of start
    reaps: list = field(default_factory=list)  # [Reap], in order
    ends_seen: list = field(default_factory=list)  # [EndSeen], in order: every wait that reported an end
    stops: int = 0  # ptrace stops handled (its cost)
    follow_pids: bool = False  # asked to follow the PIDs passed between processes (flows.py)
    io_seen: bool = False  # ... and the calls moving bytes were seen stopping: that filter is in force
    flows: list = field(default_factory=list)  # [flows.Flow], PIDs written and read, in order
    foreign: list = field(default_factory=list)  # programs other than multiprocessing's Python, killed at exec
    hold_exits: bool = False  # children of the main process were held at their exit (holds.py)
    declared_waits: list = field(default_factory=list)  # [(process, child, t)]: waits on a sentinel, said (holds.py)
    # Who wrote shared memory (pagewriters.py; runs that follow PIDs).
    shared_watched: bool = False  # the main process's shared memory was watched from its start
    shared_problem: str | None = None  # why it was not, or not all of it
    shared_writes: list = field(default_factory=list)  # [pagewriters.SharedWrite]: a process wrote its own PID
    shared_main_files: set = field(default_factory=set)  # (st_dev, st_ino) of the shared memory the main process mapped
    shared_unseen: set = field(default_factory=set)  # ... and of that where some writes could go unseen
    shared_given: list = field(default_factory=list)  # [(pid, t)]: another process put that PID into shared memory

    @property
    def usable(self) -> bool:
        return self.problem is None and self.attached_ns is not None and self.filtered and self.complete

    @property
    def flows_usable(self) -> bool:
        """Whether `flows` shows every PID the run's processes passed through the kernel."""
        return self.usable and self.follow_pids and self.io_seen

    @property
    def shared_usable(self) -> bool:
        """Whether shared_writes shows which process wrote its PID into shared memory."""
        return self.flows_usable and self.shared_watched and self.shared_problem is None

    def first_given(self, pid: int) -> int | None:
        """When another process first gave process pid its own PID: a message
        holding it that pid read (flows), or bytes holding it another process
        put into shared memory (pagewriters). What pid then sends may be a copy."""
        return min([f.t_ns for f in self.flows if f.way == "r" and f.pid == pid and pid in f.pids]
                   + [t for q, t in self.shared_given if q == pid], default=None)

    def incarnations(self, pid: int) -> list:
        return [p for p in self.procs if p.pid == pid]

    def at(self, pid: int, t: int) -> KProc | None:
        """The process that had `pid` at time t (PIDs are reused)."""
        for p in self.incarnations(pid):
            if p.alive_at(t):
                return p
        return None

    def incarnation(self, pid, t: int) -> KProc | None:
        """The process that had `pid` at time t, or the last one started before t
        (a process can be named after its end: a join)."""
        if not isinstance(pid, int):
            return None
        best = None
        for proc in self.incarnations(pid):
            if proc.start_ns is None or proc.start_ns <= t:
                best = proc
        return best

    def to_json(self) -> dict:
        return {"main_pid": self.main_pid, "attached_ns": self.attached_ns, "filtered": self.filtered,
                "complete": self.complete, "problem": self.problem, "stops": self.stops,
                "follow_pids": self.follow_pids, "io_seen": self.io_seen, "hold_exits": self.hold_exits,
                "declared_waits": self.declared_waits,
                "procs": [vars(p) for p in self.procs], "reaps": [vars(r) for r in self.reaps],
                "ends_seen": [vars(w) for w in self.ends_seen],
                "flows": [vars(f) for f in self.flows], "foreign": self.foreign,
                "shared_watched": self.shared_watched, "shared_problem": self.shared_problem,
                "shared_writes": [vars(w) for w in self.shared_writes],
                "shared_main_files": sorted(self.shared_main_files), "shared_unseen": sorted(self.shared_unseen),
                "shared_given": self.shared_given}
