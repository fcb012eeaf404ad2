"""What a run is (`RunSpec`) and what it may use (`Limits`).

A grader declares its runs with `RunSpec`s; `sandbox/runner.py` starts each
one under its `Limits`. `probe()` names one of the kit's probe functions
(boot/_mpkit_probes.py) as an argument of a call.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RunSpec:
    """How to run a task file: call one function, or run it as a program."""

    mode: str = "call"  # "call" or "program"
    function: str | None = None
    args: tuple = ()
    kwargs: tuple = ()  # ((name, value), ...), hashable
    start_method: str | None = None
    watch_calls: tuple = ()  # student functions whose calls are recorded
    watch_globals: tuple = ()  # module globals snapshotted in each process
    slow: bool = False  # takes long on purpose (a slow probe): started at once, beside the others
    # stdout line by line, as on a terminal or in a notebook (free-form programs:
    # a pool's workers stopped by terminate() would otherwise lose what they printed)
    line_buffered: bool = False
    # The observer follows the PIDs the run's processes pass to one another
    # through the kernel (pipes, sockets, files: sandbox/flows.py). It stops
    # every read and write, so only runs whose verdict needs it ask.
    follow_pids: bool = False
    # The observer holds each child of the main process at its exit until the
    # parent waits for it (sandbox/holds.py): whether it waited before the next
    # start is then the same on every run. Runs whose verdict rests on it ask.
    hold_exits: bool = False

    def describe(self) -> str:
        if self.mode == "program":
            what = "running the file as a program"
        else:
            args = ", ".join(_show_arg(a) for a in self.args)
            what = f"calling {self.function}({args})" if self.function else "importing the file"
        if self.start_method:
            what += f" under the {self.start_method!r} start method"
        return what


def _show_arg(value) -> str:
    if isinstance(value, dict) and "$callable" in value:
        return value["$callable"].split(":")[-1]
    return repr(value)


def probe(name: str) -> dict:
    """An argument that stands for one of the kit's probe functions."""
    return {"$callable": f"_mpkit_probes:{name}"}


@dataclass
class Limits:
    """What one run may use (None: no limit). `platform_notes()` says which
    limits this platform cannot apply."""

    time_limit: float = 10.0  # seconds of wall clock for the whole run
    address_space: int | None = 2 * 1024**3  # bytes of memory per process (RLIMIT_AS)
    open_files: int | None = 256  # per process (RLIMIT_NOFILE)
    processes: int | None = 64  # processes one run may start, counted by the kit
    file_size: int | None = 8 * 1024**2  # bytes per file a process writes, its stdout and stderr too
    hidden: tuple = ()  # folders the student's code may not read (graders, solutions, answer key)
    readonly: tuple = ()  # folders it may not change (the kit, the submission)
    # Confirm process facts from outside the run (Linux, sandbox/observer.py):
    # None follows MPKIT_OBSERVE=1 in the grader's environment.
    observe: bool | None = None
    extra: dict = field(default_factory=dict)

    def rlimits(self) -> dict:
        return {
            "address_space": self.address_space,
            "open_files": self.open_files,
            "processes": _nproc_rlimit(self.processes),
            "file_size": self.file_size,
            **self.extra,
        }

    @property
    def total_output(self) -> int | None:
        """All output of a run together; past it the run is stopped."""
        return 4 * self.file_size if self.file_size else None


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _nproc_rlimit(processes: int | None) -> int | None:
    """RLIMIT_NPROC counts every process and thread of the user, not of the
    run: allow what the user has now plus room for the run. Root ignores it."""
    if not processes or is_root() or not hasattr(os, "getuid"):
        return None
    import psutil

    uid, used = os.getuid(), 0
    for proc in psutil.process_iter(["uids", "num_threads"]):
        info = proc.info
        if info.get("uids") and info["uids"].real == uid:
            used += info.get("num_threads") or 1
    return used + 8 * processes
