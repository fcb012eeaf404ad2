"""What a sandboxed run did, read back from the files the recorder wrote.

A `RunRecord` is plain data plus questions the graders ask of it ("which
processes did the student start?", "who printed this line?"). The checks
decide what is right; this module only says what happened.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

# Output kept per process and stream; the rest is cut (and said to be cut).
OUTPUT_KEEP = 64 * 1024

HELPER_MARKERS = ("multiprocessing.resource_tracker", "multiprocessing.forkserver")
POOL_WORKER_TARGET = "multiprocessing.pool.worker"
MANAGER_TARGET = "multiprocessing.managers.BaseManager._run_server"  # the process Manager() starts


@dataclass
class Output:
    text: str = ""
    size: int = 0  # bytes really written

    @property
    def cut(self) -> bool:
        return self.size > OUTPUT_KEEP

    def lines(self) -> list[str]:
        return self.text.splitlines()


@dataclass
class Proc:
    """One process of the run, as the recorder and the OS saw it."""

    pid: int
    ppid: int | None = None
    via: str | None = None  # "fork" or "exec"
    argv: list = field(default_factory=list)
    # From multiprocessing, when it is a Process object:
    target: str | None = None
    name: str | None = None
    started_by: int | None = None  # pid of the process whose start() created it
    start_seq: tuple | None = None  # (t, n) of the start in the parent's record
    daemon: bool | None = None
    method: str | None = None  # start method really used
    pool: int | None = None  # a Pool's worker: which pool of the process that started it
    booted: bool = False
    exitcode_self: int | None = None  # what the child's own bootstrap returned
    joins: list = field(default_factory=list)  # [(by_pid, exitcode, t, n)]
    join_calls: list = field(default_factory=list)  # [(by_pid, t, n)] the first join() call, done or not
    # (t, n) of the joins that were a look: an is_alive() or exitcode that found it
    # ended, not in a loop waiting for the end (print(p.is_alive()) after start()).
    looks: set = field(default_factory=set)
    terminated: bool = False
    sent_own_pid: bool = False  # it sent a message (or set a Value) holding its own PID
    sent_via: str | None = None  # how, the first time: "message", "Value" or "shared memory"
    sent_vias: set = field(default_factory=set)  # every way it did
    received_pids: dict = field(default_factory=dict)  # {pid of a child: (t, n)} received from another process
    pids_read: dict = field(default_factory=dict)  # {pid of a child: (t, n)} read off its Process object (.pid)
    globals_at_boot: dict | None = None
    globals_at_end: dict | None = None
    out: Output = field(default_factory=Output)
    err: Output = field(default_factory=Output)

    @property
    def is_mp_process(self) -> bool:
        return self.started_by is not None

    @property
    def is_helper(self) -> bool:
        if self.via != "exec":  # forkserver's children inherit its argv
            return False
        text = " ".join(str(a) for a in self.argv)
        return any(m in text for m in HELPER_MARKERS)

    @property
    def is_pool_worker(self) -> bool:
        return self.target == POOL_WORKER_TARGET

    @property
    def is_manager(self) -> bool:
        return self.target == MANAGER_TARGET

    @property
    def end_code(self) -> int | None:
        """How it ended: the exit code its parent saw, else what its own bootstrap returned."""
        return self.exitcode if self.exitcode is not None else self.exitcode_self

    @property
    def exitcode(self) -> int | None:
        """The exit code the parent observed when it joined (from the OS)."""
        for _, code, _, _ in self.joins:
            if code is not None:
                return code
        return None

    def label(self) -> str:
        what = self.target.rsplit(".", 1)[-1] if self.target else (self.name or "process")
        return f"process {self.pid} ({what})"


@dataclass
class RunRecord:
    """Everything known about one run of a student's task file."""

    mode: str
    start_method: str | None
    time_limit: float
    main_pid: int | None = None
    exit_code: int | None = None
    timed_out: bool = False
    duration: float = 0.0
    started_ns: int = 0  # when the grader started the run, and when its sweep ended
    ended_ns: int = 0
    events: list = field(default_factory=list)
    procs: dict = field(default_factory=dict)
    damaged: list = field(default_factory=list)  # record lines that did not parse
    leftovers: list = field(default_factory=list)  # pids still running at the end
    limit_hit: str | None = None  # "processes" or "output": the run was stopped for it
    sandbox: dict | None = None  # what the run applied of the kernel layer (sandbox/kernel.py)
    stdout_raw: Output = field(default_factory=Output)  # what reached the run's own stdout
    stderr_raw: Output = field(default_factory=Output)
    kernel: object = None  # kernel_record.KernelRecord, when the run was observed from outside
    tampered: str | None = None  # why the record disagrees with what the kernel saw (crosscheck.py)

    # -- what the harness reported -----------------------------------------
    def first(self, kind: str) -> dict | None:
        return next((e for e in self.events if e["e"] == kind), None)

    def of_kind(self, kind: str) -> list[dict]:
        return [e for e in self.events if e["e"] == kind]

    @property
    def main(self) -> Proc | None:
        return self.procs.get(self.main_pid)

    # -- processes -----------------------------------------------------------
    def children(self) -> list[Proc]:
        """Process objects the student's code started (not the kit's helpers).

        Not those started once the harness began stopping the run: a pool
        left open replaces the workers the harness kills, and those
        replacements are the grader's doing, not the student's."""
        stop = self.first("alive")
        procs = [p for p in self.procs.values() if p.is_mp_process and not p.is_helper
                 and not (stop and p.start_seq and p.start_seq[0] > stop["t"])]
        return sorted(procs, key=lambda p: p.start_seq or (0, 0))

    def failed_children(self) -> list[Proc]:
        """Children that ended with a non-zero code, except those the student's
        own code stopped (terminate(), kill(), the end of a `with Pool` block)."""
        return [p for p in self.children() if not p.terminated and p.end_code not in (0, None)]

    def own_children(self) -> list[Proc]:
        """The processes the student's code made itself: not a Pool's workers,
        nor the server process of a Manager() (used for a shared lock or list)."""
        return [p for p in self.children() if not (p.is_pool_worker or p.is_manager)]

    def pool_workers(self) -> list[Proc]:
        return [p for p in self.children() if p.is_pool_worker]

    def all_processes(self) -> list[Proc]:
        """Every process of the run but the harness and the kit's helpers."""
        return [p for p in self.procs.values() if p.pid != self.main_pid and not p.is_helper]

    def proc(self, pid) -> Proc | None:
        return self.procs.get(pid)

    def calls(self, fn: str) -> list[dict]:
        """Calls of a watched student function (event has pid, args)."""
        return [e for e in self.events if e["e"] == "call" and e.get("fn") == fn]

    def probes(self, fn: str | None = None) -> list[dict]:
        return [e for e in self.events if e["e"] == "probe" and (fn is None or e.get("fn") == fn)]

    def thread_starts(self) -> list[dict]:
        """Threads that ran, other than multiprocessing's own helper threads."""
        return [
            e
            for e in self.events
            if e["e"] == "thread_start" and not str(e.get("target") or "").startswith("multiprocessing.")
        ]


def _read_output(path: Path) -> Output:
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            data = f.read(OUTPUT_KEEP)
    except OSError:
        return Output()
    return Output(text=data.decode("utf-8", "replace"), size=size)


# Events the recorder writes at most once per process: a second one is forged.
_ONCE_PER_PROCESS = {"born", "run_start", "import_start", "import_end", "import_error", "call_missing", "call_start",
                     "call_end", "call_error", "main_end", "main_error", "alive", "run_end", "proc_boot", "proc_end"}
_RECORD_NAME = re.compile(r"^(\d+)(?:\.\d+)?\.jsonl$")


def _read_record_file(path: Path, damaged: list) -> list[dict]:
    """The events of one process's record file.

    The recorder writes whole lines, each with the pid of its process and a
    sequence number of its own (threads may write them out of order). Anything
    else (a file it did not make, a line that does not parse, a foreign pid, a
    number seen twice) was written by someone else: it goes to `damaged`, and
    a damaged record fails the checks that read the run.
    """
    name = _RECORD_NAME.match(path.name)
    if not name or not path.is_file():
        damaged.append(f"{path.name}: a file the kit did not write")
        return []
    try:
        raw = path.read_bytes()[: 8 * 1024 * 1024]
    except OSError:
        damaged.append(f"{path.name}: unreadable")
        return []
    pid = int(name.group(1))
    events = []
    text = raw.decode("utf-8", "replace")
    if text and not text.endswith("\n"):
        damaged.append(f"{path.name}: a line was cut off")
    seen, once = set(), set()
    for line in text.splitlines():
        try:
            event = json.loads(line)
            if not isinstance(event, dict) or "e" not in event:
                raise ValueError("not an event")
            n = event.get("n")
            if event.get("pid") != pid or not isinstance(n, int) or n in seen or not isinstance(event.get("t"), int):
                raise ValueError("out of place")
            seen.add(n)
            if event["e"] in _ONCE_PER_PROCESS:
                if event["e"] in once:
                    raise ValueError("a second " + event["e"])
                once.add(event["e"])
        except ValueError:
            damaged.append(f"{path.name}: {line[:200]}")
            break
        events.append(event)
    return events


def load(run_dir: Path, record: RunRecord) -> RunRecord:
    """Fill `record` from the recorder's files in run_dir."""
    events: list[dict] = []
    for path in sorted((run_dir / "rec").iterdir()):
        events.extend(_read_record_file(path, record.damaged))
    events.sort(key=lambda e: (e["t"], e["pid"], e["n"]))
    record.events = events
    procs: dict[int, Proc] = {}

    def proc(pid) -> Proc:
        if pid not in procs:
            procs[pid] = Proc(pid=pid)
        return procs[pid]

    for e in events:
        kind, pid = e["e"], e["pid"]
        if kind == "born":
            p = proc(pid)
            p.ppid, p.via, p.argv = e.get("ppid"), e.get("via"), e.get("argv") or []
            p.out = _read_output(run_dir / "out" / str(e.get("out")))
            p.err = _read_output(run_dir / "out" / str(e.get("err")))
        elif kind == "proc_start" and e.get("child") is not None:
            c = proc(e["child"])
            c.started_by, c.start_seq = pid, (e["t"], e["n"])
            c.target, c.name = e.get("target"), e.get("name")
            c.daemon, c.method, c.pool = e.get("daemon"), e.get("method"), e.get("pool")
        elif kind == "proc_boot":
            p = proc(pid)
            p.booted = True
            p.target = p.target or e.get("target")
            p.globals_at_boot = e.get("globals")
        elif kind == "proc_end":
            p = proc(pid)
            p.exitcode_self = e.get("exitcode")
            p.globals_at_end = e.get("globals")
        elif kind == "join" and e.get("child") is not None:
            proc(e["child"]).joins.append((pid, e.get("exitcode"), e["t"], e["n"]))
            if e.get("look") is True:
                proc(e["child"]).looks.add((e["t"], e["n"]))
        elif kind == "join_call" and e.get("child") is not None:
            proc(e["child"]).join_calls.append((pid, e["t"], e["n"]))
        elif kind in ("terminate", "kill") and e.get("child") is not None:
            proc(e["child"]).terminated = True
        elif kind == "pid_sent":
            p = proc(pid)
            p.sent_own_pid, p.sent_via = True, p.sent_via or e.get("via")
            p.sent_vias.add(e.get("via"))
        elif kind == "pid_received":
            for child in e.get("pids") or []:
                if isinstance(child, int):
                    proc(pid).received_pids.setdefault(child, (e["t"], e["n"]))
        elif kind == "pid_read" and isinstance(e.get("child"), int):
            proc(pid).pids_read.setdefault(e["child"], (e["t"], e["n"]))
        elif kind == "run_start" and record.main_pid is None:
            record.main_pid = pid
    record.procs = procs
    alive = record.first("alive")
    leftovers = set(record.leftovers) | set((alive or {}).get("pids") or [])
    record.leftovers = sorted(pid for pid in leftovers if not (pid in procs and procs[pid].is_helper))
    return record


def read_raw_streams(run_dir: Path, record: RunRecord) -> None:
    record.stdout_raw = _read_output(run_dir / "stdout")
    record.stderr_raw = _read_output(run_dir / "stderr")


def remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
    if os.path.exists(path):  # pragma: no cover - files held open on Windows
        shutil.rmtree(path, ignore_errors=True)
