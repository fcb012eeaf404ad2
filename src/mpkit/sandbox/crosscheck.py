"""Does a run's record agree with what the kernel saw? (pure; grader side)

The in-process record (record.py) keeps what only it can see: calls,
returned values, PIDs passed through queues, which Process object was
joined. Student code can write into it. The kernel record (observer.py)
cannot be reached by student code, but knows only processes, exits and
reaps. Where both speak of the same fact they must agree; `check()` says
where they do not, or None.

What may legitimately differ, and is therefore never held against a run:
- processes the record does not name: the run's main process before it was
  traced, processes killed before their recorder started (a signal ended
  them, or they were still starting when the run was being stopped);
- reaps the record does not name: a Pool's handler thread reaping its
  workers (same process), the harness and the launcher reaping what was left
  after the run, a forkserver reaping its children (the joiner then learns
  the exit code from the forkserver, after the reap);
- is_alive()/exitcode polled in a loop: a reap before the join event it
  leads to, so it agrees;
- exit codes a child reports about itself (proc_end): a child killed after
  its bootstrap returned ends with the signal, not that code;
- PID reuse: each fact is matched to the incarnation of the PID alive at
  that time.
Every time compared is CLOCK_MONOTONIC on both sides. The kernel side's
stamps are taken while the process concerned is stopped by the tracer, so
a process's start is stamped before its first event, and a reap before the
reaper can record anything after it: no margin is needed.
"""
from __future__ import annotations

from collections import Counter

from .kernel_record import KernelRecord, KProc
from .record import RunRecord

TAMPERED = "the record of this run was changed by the code being graded"
# The start of check()'s answer when the run exec'd a program other than
# multiprocessing's Python (sandbox/programs.py): the observer killed it.
PROGRAM = "another program: "


def check(record: RunRecord, kernel: KernelRecord | None) -> str | None:
    """Why the record disagrees with the kernel's, or None (also when the
    kernel record cannot be relied on: see KernelRecord.usable)."""
    if kernel is not None and kernel.foreign:  # a fact whatever else the tracer missed
        return PROGRAM + kernel.foreign[0]
    if kernel is None or not kernel.usable:
        return None
    for rule in (_unknown_processes, _starts, _joins, _duplicates, _unrecorded, _numbering):
        why = rule(record, kernel)
        if why:
            return why
    return None


def failure(why: str) -> dict:
    """What a student is told of a task whose run check() found wrong
    (expected, observed, hint): the whole task scores zero."""
    if why.startswith(PROGRAM):
        return dict(expected="your code to start processes with multiprocessing only",
                    observed="it started a program other than multiprocessing's own Python (or Python without the "
                    f"grader's settings), which was stopped before it ran: {why[len(PROGRAM):]}",
                    hint="Use multiprocessing.Process or a Pool to start processes; running other programs (through "
                    "subprocess, os, or multiprocessing's internals) is not allowed in these tasks.")
    return dict(expected="the kit's record of your run to agree with what the operating system saw",
                observed=TAMPERED, hint="Do not write into the kit's record, or change how it is written.")


def add_kernel_waits(record: RunRecord, kernel: KernelRecord | None) -> None:
    """Waits the recorder did not see (os.waitpid, os.wait, os.waitid,
    multiprocessing's own join, Popen.wait or Popen.poll reached past the
    recorder) are still waits. A process of the run learnt that its child had
    ended, before the run was being stopped, through a wait call the kernel saw
    report the end (kernel_record.EndSeen), and that call counts as its first
    wait for the child (Proc.join_calls, with the kernel's time), as a recorded
    join() call or an is_alive() polled until the end would: every such call,
    blocking or a poll (WNOHANG), reaping or not (WNOWAIT). There are no
    excuses for the record to give: where the code did not wait, the recorder
    makes no wait call (start() skips multiprocessing's _cleanup, a look at
    is_alive() or exitcode reads /proc: boot/_mpkit_trace_processes.py). A poll
    that found nothing is no wait. In a run that holds exits (holds.py), a
    child held until no wait call had let it go counts as waited for then.
    Facts the kernel saw, so nothing the code does hides them."""
    if kernel is None or not kernel.usable:
        return
    stop = record.first("alive") or record.first("run_end")
    stop_t = stop["t"] if stop else None

    def add(waiter, child_pid, t):
        if stop_t is not None and t >= stop_t:
            return
        child = record.procs.get(child_pid)
        if child is None or waiter not in record.procs:
            return
        if not any(by == waiter and at <= t for by, at, _ in child.join_calls):
            child.join_calls.append((waiter, t, -1))
            child.join_calls.sort(key=lambda c: (c[1], c[2]))

    for reap in kernel.reaps:
        if reap.blocking:
            add(reap.reaper, reap.child, reap.t_ns)
    for seen in kernel.ends_seen:
        add(seen.waiter, seen.child, seen.t_ns)
    for proc in kernel.procs:  # held at its exit until its parent could not have gone on without it (holds.py)
        if proc.released == "time":
            add(proc.held_for or proc.ppid, proc.pid, proc.released_ns)
    for waiter, child, t in kernel.declared_waits:  # a wait on its sentinel, said to the observer (holds.py)
        add(waiter, child, t)


# How far past the numbers before it an event may be: threads of a process
# that is ending (os._exit while a Pool's threads still record) can each lose
# the one event they had numbered but not yet written.
NUMBERING_SLACK = 64


def _numbering(record: RunRecord, kernel: KernelRecord) -> str | None:
    """The recorder numbers each record file's events 0, 1, 2, ... (a new file
    per process, and per exec): an event numbered far past every number
    before it was not the recorder's. A line written on the record's
    descriptor must take a number the recorder has not used yet, and the
    recorder's own next event then repeats it (a damaged record), unless it
    is numbered past the end: that is what this finds (within the slack above
    it cannot tell; see the README's Safety section)."""
    numbers: dict = {}
    for e in record.events:
        n = e.get("n")
        if isinstance(n, int):
            numbers.setdefault(e["pid"], set()).add(n)
    for pid, found in numbers.items():
        before = -1
        for n in sorted(found):
            if n - before > NUMBERING_SLACK and not _cut_short(kernel, pid):
                return f"an event of process {pid} is numbered {n}, far past the recorder's last number ({before})"
            before = n
    return None


def _cut_short(kernel: KernelRecord, pid) -> bool:
    """A process killed by a signal may have lost an event it had numbered (the
    write of one thread cut short while another wrote the next)."""
    return any(p.signal is not None or p.end_ns is None for p in kernel.incarnations(pid))


def _unknown_processes(record: RunRecord, kernel: KernelRecord) -> str | None:
    """Every event was written by a process alive at that time."""
    for e in record.events:
        if kernel.at(e["pid"], e["t"]) is None:
            return f"an event ({e['e']}) of process {e['pid']}, which the kernel never saw running then"
    return None


def _parent_ok(kernel: KernelRecord, child: KProc, starter: int) -> bool:
    """The starter is the child's parent, or the parent of its parent (a
    forkserver the starter started forks the child)."""
    if child.ppid == starter:
        return True
    parent = kernel.incarnation(child.ppid, child.start_ns or 0)
    return parent is not None and parent.execs > 0 and parent.ppid == starter


def _starts(record: RunRecord, kernel: KernelRecord) -> str | None:
    seen = set()
    for e in record.of_kind("proc_start"):
        child = kernel.incarnation(e.get("child"), e["t"])
        if child is None or child.start_ns is None:
            return f"process {e['pid']} says it started process {e.get('child')}, which the kernel never saw"
        if not _parent_ok(kernel, child, e["pid"]):
            return (f"process {e['pid']} says it started process {child.pid}, whose parent the kernel saw was "
                    f"{child.ppid}")
        key = (child.pid, child.start_ns)
        if key in seen:
            return f"the start of process {child.pid} is recorded twice"
        seen.add(key)
    return None


def _joins(record: RunRecord, kernel: KernelRecord) -> str | None:
    """A join (or an ended is_alive()/exitcode) returned only after the child
    was reaped, by the joiner (or by the forkserver that is its parent), with
    the exit code the kernel saw."""
    for e in record.of_kind("join"):
        child = kernel.incarnation(e.get("child"), e["t"])
        if child is None:
            return f"process {e['pid']} says it joined process {e.get('child')}, which the kernel never saw"
        if child.reaped_ns is None or child.reaped_ns > e["t"]:
            return (f"process {e['pid']} says it joined process {child.pid}, but the kernel saw no wait for it "
                    "by then")
        if child.reaped_by not in (e["pid"], child.ppid):
            return (f"process {e['pid']} says it joined process {child.pid}, which process {child.reaped_by} "
                    "waited for")
        if e.get("exitcode") != child.end_code:
            return (f"the record says process {child.pid} ended with exit code {e.get('exitcode')}, the kernel "
                    f"saw {child.end_code}")
    return None


def _duplicates(record: RunRecord, kernel: KernelRecord) -> str | None:
    """One record (one "born") per process, and one more per exec."""
    borns = Counter(e["pid"] for e in record.of_kind("born"))
    for pid, count in borns.items():
        allowed = sum(1 + p.execs for p in kernel.incarnations(pid))
        if count > allowed:
            return f"process {pid} has {count} records, the kernel saw it start {allowed} time(s)"
    return None


def _unrecorded(record: RunRecord, kernel: KernelRecord) -> str | None:
    """A process that ran to its own end before the run was being stopped
    has a record: the recorder starts in every process of the run before it
    runs anything else."""
    stop = record.first("alive") or record.first("run_end")
    stop_t = stop["t"] if stop else None
    born = {}
    for e in record.of_kind("born"):
        born.setdefault(e["pid"], []).append(e["t"])
    for proc in kernel.procs:
        if proc.pid == kernel.main_pid and proc.start_ns is None:
            continue
        if proc.exit_code is None or proc.end_ns is None:  # ended by a signal: maybe before its recorder began
            continue
        if stop_t is None or proc.end_ns >= stop_t:
            continue
        if not any(proc.start_ns <= t <= proc.end_ns for t in born.get(proc.pid, ())):
            return f"process {proc.pid} ran and ended (exit code {proc.exit_code}) but the record has nothing of it"
    return None
