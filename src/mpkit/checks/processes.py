"""Checks on the processes a run started: who joined them, when they started, how they ended.

`runs` is the task's `TaskRuns` (the `runs` fixture, engine/task_runs.py).
"""
from __future__ import annotations

from ..sandbox import flows, pagewriters
from ..sandbox.record import Proc, RunRecord
from .api import fail, plural


def joined_by_main(run: RunRecord, proc: Proc, before: str = "call_end") -> bool:
    """Was `proc` joined by the main process before the event `before`? (A
    look that found it ended, where the recorder had to poll, is no join.)"""
    end = run.first(before)
    limit = (end["t"], end["n"]) if end else None
    for by, code, t, n in proc.joins:
        if by == run.main_pid and code is not None and (limit is None or (t, n) < limit) and (t, n) not in proc.looks:
            return True
    return False


def pid_travelled(run: RunRecord, proc: Proc, before: str = "call_end") -> bool | None:
    """Whether proc's PID reached the run's main process from proc itself
    through the kernel (a pipe, socket or file: sandbox/flows.py), before the
    event `before`. None when the kernel did not follow the run's messages
    (no observer here, or the run's RunSpec did not ask: follow_pids)."""
    kernel = run.kernel
    if kernel is None or not kernel.flows_usable:
        return None
    end = run.first(before)
    return flows.travelled(kernel, proc.pid, run.main_pid, end["t"] if end else None)


def pid_shared(run: RunRecord, proc: Proc, before: str = "call_end") -> bool:
    """Whether proc wrote its own PID into shared memory (a Value, an Array, a
    SharedMemory block) the run's main process maps, before the event `before`.
    Where the kernel observer watched who writes shared memory (Linux, as
    root: sandbox/pagewriters.py), its view decides; elsewhere the recorder's
    word that proc left its PID there (it cannot tell who wrote it: f38)."""
    kernel = run.kernel
    if kernel is None or not kernel.shared_usable:
        return bool(proc.sent_vias & {"Value", "shared memory"})
    end = run.first(before)
    return pagewriters.wrote_own_pid(kernel, proc.pid, end["t"] if end else None)


def pid_copied(run: RunRecord, proc: Proc) -> bool:
    """Whether proc wrote its own PID (into a channel or shared memory) only
    after another process gave it (sent it a message holding it, or put it
    into shared memory), as the kernel observer saw: a copy, not its finding."""
    kernel = run.kernel
    if kernel is None or not kernel.flows_usable:
        return False
    given = kernel.first_given(proc.pid)
    if given is None:
        return False
    wrote = [f.t_ns for f in kernel.flows if f.way == "w" and f.pid == proc.pid and proc.pid in f.pids]
    wrote += [w.t_ns for w in kernel.shared_writes if w.pid == proc.pid]
    return any(t >= given for t in wrote)


def started_at_import(run: RunRecord) -> list[Proc]:
    """Children started while the task file was being imported (top-level code)."""
    done = run.first("import_end")
    if not done:
        return []
    return [p for p in run.children() if p.start_seq and p.start_seq < (done["t"], done["n"])]


def import_hint(run: RunRecord, hint: str) -> str:
    """`hint`, or why there are extra processes when the file starts some at import."""
    early = started_at_import(run)
    if not early:
        return hint
    return (f"{plural(len(early), 'process')} started while the file was imported: code at the top level of "
            'the file runs on every import. Put it under `if __name__ == "__main__":`.')


def exit_code_hint(code) -> str:
    """What a child's exit code tells a student."""
    if isinstance(code, int) and code < 0:
        return (f"Exit code {code} means the child was stopped by signal {-code} before it finished "
                "(terminate() sends 15, kill() sends 9): let it finish, then join() it.")
    if code == 1:
        return "An exception in the child gives exit code 1; run the file to see its traceback."
    return f"The child ended with sys.exit({code}) or os._exit({code}); let its function simply return."


def describe_children(procs) -> str:
    if not procs:
        return "no child process was started"
    return ", ".join(p.label() for p in procs)


def no_leftovers(runs, main: str = "call") -> None:
    """No process of any run was still running when that run's code was done."""
    runs.returned(main) if runs.specs[main].mode == "call" else runs.finished(main)
    for name, run in runs.judged():
        # A pool replaces the workers the grader stops: those replacements are not the student's.
        late = {p.pid for p in run.procs.values() if p.is_mp_process} - {p.pid for p in run.children()}
        pids = [pid for pid in run.leftovers if pid not in late]
        if run.timed_out or not pids:
            continue
        labels = [run.proc(pid).label() if run.proc(pid) else f"process {pid}" for pid in pids]
        fail(
            expected="every process your code starts to have ended when your code is done",
            observed=f"when {runs.describe(name)}, {', '.join(labels)} {'was' if len(labels) == 1 else 'were'} "
            "still running at the end and had to be stopped by the grader",
            hint="join() every process you start (and close() and join() a Pool, or use `with Pool(...)`).",
        )
