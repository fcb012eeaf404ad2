"""Checks on a run's pools: their sizes, their workers, and whether they were shut down.

`runs` is the task's `TaskRuns` (the `runs` fixture, engine/task_runs.py).
"""
from __future__ import annotations

from ..sandbox.record import Proc, RunRecord
from .api import fail
from .processes import describe_children, import_hint, started_at_import


def pool_sizes(run: RunRecord) -> list[int]:
    """The size of each Pool the run created, in the order they were made
    (four pools of one worker are not a pool of four, nor is an unused pool
    of four beside the pool of one that did the work)."""
    pools: dict = {}
    for p in run.pool_workers():  # in the order they started
        pools.setdefault((p.started_by, p.pool), []).append(p)
    return [_peak_alive(run, workers) for workers in pools.values()]


def _peak_alive(run: RunRecord, procs: list[Proc]) -> int:
    """The most of these pool workers alive at one time. A pool replaces a
    worker that ends (maxtasksperchild), so counting every worker ever started
    would overstate its size. A worker lives from its first sign of life (its
    own first event, or its parent recording the start) to its own end or its
    join, whichever came first."""
    workers = {p.pid: p for p in procs}
    first, own_end = {}, {}
    for e in run.events:  # in time order
        if e["pid"] in workers:
            first.setdefault(e["pid"], e["t"])
            if e["e"] == "proc_end":
                own_end.setdefault(e["pid"], e["t"])
    moments = []
    for pid, p in workers.items():
        # A worker may run before its parent records the start: take the earlier.
        starts = [t for t in (first.get(pid), p.start_seq[0] if p.start_seq else None) if t is not None]
        if not starts:
            continue
        start = min(starts)
        moments.append((start, 1))
        ended = [t for _, code, t, _ in p.joins if code is not None] + ([own_end[pid]] if pid in own_end else [])
        if ended:
            moments.append((max(min(ended), start), -1))
    moments.sort()  # at the same moment an end (-1) comes before a start (+1)
    alive = peak = 0
    for _, step in moments:
        alive += step
        peak = max(peak, alive)
    return peak


def pools_of(sizes: list[int], wanted: int) -> bool:
    """Was every pool (at least one) of `wanted` workers?"""
    return bool(sizes) and all(size == wanted for size in sizes)


def describe_pool(run: RunRecord, sizes: list[int]) -> str:
    """What a check saw of a run's pools (see pool_sizes)."""
    if not sizes:
        said = "no pool worker process was created"
    elif len(sizes) == 1:
        said = f"a pool of {sizes[0]} worker processes"
    else:
        said = f"{len(sizes)} pools, of {', '.join(map(str, sizes[:-1]))} and {sizes[-1]} worker processes"
    others = run.own_children()
    return said + (f" (other processes: {describe_children(others)})" if others else "")


def pool_hint(run: RunRecord, sizes: list[int], hint: str) -> str:
    """Why the pools are not what was asked, when it is not `hint`."""
    if started_at_import(run):
        return import_hint(run, hint)
    if len(sizes) > 1:
        return "Create one Pool with the number of workers asked for, and give all the work to that pool."
    return hint


def used_thread_pool(run: RunRecord) -> bool:
    """Did the main process run pool workers as threads (multiprocessing.pool.ThreadPool)?"""
    return any(e["e"] == "thread_start" and e["pid"] == run.main_pid and e.get("target") == "multiprocessing.pool.worker"
               for e in run.events)


THREAD_POOL_HINT = ("multiprocessing.pool.ThreadPool runs func in threads of this one process; "
                    "multiprocessing.Pool's workers are processes.")


def _workers_waited_for(run: RunRecord, t: int) -> bool:
    """Had every pool worker started before t ended and been reaped by then,
    as the kernel saw it? A pool's join() and terminate() return only once
    they have: a join recorded before that was made on something else, an
    object of the task's own dressed as a closed pool (f35), whose call the
    recorder cannot tell from the real one's. True where the kernel did not
    watch (the record alone decides). A worker forked by a forkserver is
    that server's to reap: there its end is what counts."""
    kernel = run.kernel
    if kernel is None or not kernel.usable:
        return True
    for worker in run.pool_workers():
        if not worker.start_seq or worker.start_seq[0] > t:
            continue
        seen = kernel.incarnation(worker.pid, worker.start_seq[0])
        if seen is None:
            continue  # never seen by the kernel: the cross-check has said so already
        done = seen.reaped_ns if seen.ppid == run.main_pid else seen.end_ns
        if done is None or done > t:
            return False
    return True


def pool_shut_down(runs) -> None:
    """In every call that started a Pool, the student's code shut it down
    before returning (or raising): join() after close(), terminate(), or a
    `with` block. A pool merely closed, or dropped, has workers that end on
    their own or when the garbage collector gets to the Pool: when that
    happens is luck, so it is judged by the calls, not by what was running."""
    for name, run in runs.judged():
        spec = runs.specs[name]
        end = run.first("call_end") or run.first("call_error")
        if end is None or not run.pool_workers():
            continue
        calls = {e["call"] for e in run.of_kind("pool")
                 if e["pid"] == run.main_pid and (e["t"], e["n"]) < (end["t"], end["n"])
                 and (e["call"] == "close" or _workers_waited_for(run, e["t"]))}
        if calls & {"join", "terminate"}:
            continue
        raised = end["e"] == "call_error"
        did = f"{spec.function}() raised {end['error']['type']}" if raised else f"{spec.function}() returned"
        left = [p.label() for p in run.pool_workers() if p.pid in run.leftovers]
        if any(p.is_pool_worker for p in started_at_import(run)):  # not the function's pool: say whose it is
            fail(expected="the Pool to be created inside the function that uses it, and shut down before it returns",
                 observed=f"when {runs.describe(name)}, a Pool made while the file was imported (top-level code) "
                 f"was still open when {did}: nothing called join() or terminate() on it",
                 hint="Code at the top level of the file runs on every import: create the pool inside the function, "
                 "with `with Pool(...) as pool:`.")
        fail(
            expected=f"{spec.function}() to shut its pool down (close() then join(), or a `with` block) before it "
            + ("lets the exception out" if raised else "returns"),
            observed=f"when {runs.describe(name)}, {did} without waiting for the pool's workers to end: it "
            + ("called close() but never join()" if "close" in calls else "called neither join() nor terminate()")
            + " on the Pool" + (f"; {', '.join(left)} {'was' if len(left) == 1 else 'were'} still running at the "
                                "end and had to be stopped by the grader" if left else ""),
            hint="When func raises, pool.map raises too and the lines after it are skipped: use `with Pool(...) "
            "as pool:`, or call close() and join() in a `finally:` block." if raised else
            "close() only says that no more work is coming; join() then waits until the workers have ended. "
            "Use `with Pool(...) as pool:`, or call pool.close() and then pool.join().",
        )
