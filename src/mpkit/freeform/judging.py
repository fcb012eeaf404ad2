"""What the free-form graders (graders/free_form/) share: the program's run,
the processes it made, the numbers they printed, the `__main__` guard.

A free-form answer is a whole program, run once as `python FILE` under the
platform's own start method (fork on Linux: what the student's kernel used).
Not again under spawn: the questions do not ask for it, and a notebook's
program has no file a spawn child could import, so that run would judge
the notebook, not the answer. What spawn would need, a `__main__` guard, is
0-point advice, read from the program's text.
"""
from __future__ import annotations

import ast
import re

from ..checks.api import CheckFailed, expect, fail
from ..engine.task_runs import TaskRuns
from ..sandbox.record import Proc, RunRecord
from . import stopped
from .numbers import numbers_of, printed_numbers  # noqa: F401 (the graders' address for them)

EXECUTOR_WORKER = "concurrent.futures.process._process_worker"
PROGRAM = "program"


def _reword(exc: CheckFailed, task_file: str, question: str) -> CheckFailed:
    said = [text.replace(f"`python {task_file}`", f"your {question} program").replace(task_file, f"your {question} program")
            for text in (exc.expected, exc.observed, exc.hint)]
    return CheckFailed(*said)


def ran(runs: TaskRuns) -> RunRecord:
    """The program's run, whatever its ending (a crash at the end costs ends_normally only).

    A run the grader stopped for starting too many processes is judged on
    what it did until then, as a run stopped at its time limit is: which of
    the two stops it first depends on the machine's speed (spawn children
    that fail at start, restarted by a pool without end), and the same
    program must get the same grade. Its ending fails ends_normally."""
    try:
        return runs.started(PROGRAM)
    except CheckFailed as exc:
        record = runs.scheduler.submit(runs.task, PROGRAM, runs.specs[PROGRAM]).result()
        if (record is not None and record.limit_hit == "processes" and record.main is not None
                and not record.tampered and not record.damaged and record.first("run_start")):
            return record
        raise _reword(exc, runs.task.file, runs.task.id.upper()) from None


def finished(runs: TaskRuns) -> RunRecord:
    try:
        return runs.finished(PROGRAM)
    except CheckFailed as exc:
        try:
            record = runs.started(PROGRAM)
        except CheckFailed:  # the record itself cannot be read: keep what finished() said, in the student's words
            raise _reword(exc, runs.task.file, runs.task.id.upper()) from None
        error = record.first("main_error")
        if error is None and record.timed_out:
            raise stopped.too_slow(runs, record) from None
        if error is None:
            raise _reword(exc, runs.task.file, runs.task.id.upper()) from None
        info, place = error["error"], stopped.where(runs, error["error"])
        if info.get("type") in stopped.SYNTAX:
            raise stopped.unreadable(runs, info) from None
        if stopped.asked_for_input(info):
            raise CheckFailed(expected="the program to run to its end by itself",
                              observed=f"it stopped {place or 'early'}: {stopped.INPUT_OBSERVED}",
                              hint=stopped.INPUT_HINT) from None
        raise CheckFailed(exc.expected.replace(f"`python {runs.task.file}`", f"your {runs.task.id.upper()} program"),
                          f"it raised {stopped.message_of(info)}" + (f" {place}" if place else ""),
                          stopped.hint_for(info, runs.task.file)) from None


def joined_by_program(run: RunRecord, proc: Proc) -> bool:
    """Did the program join `proc` before it ended (normally or with an error)? The
    joins Python does at exit, after an error too, do not count: whether there is one
    depends on whether the child was still running then."""
    from ..grading import joined_by_main

    return joined_by_main(run, proc, before="main_end" if run.first("main_end") else "main_error")


def left_to_luck(run: RunRecord, proc: Proc) -> str | None:
    """Why what `proc` did cannot be counted, if it cannot: the program stopped it
    with terminate() or kill(), or it is a daemon the program never joined (Python
    stops those when the program ends). Whether such a process had done its work
    by then is scheduling luck; the same program must get the same grade."""
    end = run.first("main_end") or run.first("main_error")
    limit = (end["t"], end["n"]) if end else (float("inf"), 0)
    stopped = [e for e in run.events if e["e"] in ("terminate", "kill") and e.get("child") == proc.pid
               and e["pid"] == run.main_pid and (e["t"], e["n"]) < limit]
    if stopped:
        return (f"the program stopped it with {stopped[0]['e']}(), so whether it had done its work first was luck "
                "(it may not have started yet)")
    if proc.daemon and not joined_by_program(run, proc):
        return ("it is a daemon process that the program never joined: Python stops daemon processes when the "
                "program ends, so whether it had done its work first was luck")
    return None


def is_executor_worker(p: Proc) -> bool:
    return p.target == EXECUTOR_WORKER


def own_processes(run: RunRecord) -> list[Proc]:
    """Processes the program started as processes of their own (a Process or a
    subclass, any start method): not a pool's or an executor's workers, nor a Manager's server."""
    return [p for p in run.own_children() if not is_executor_worker(p)]


def workers(run: RunRecord) -> list[Proc]:
    """The workers of every Pool and ProcessPoolExecutor of the run."""
    return [p for p in run.children() if p.is_pool_worker or is_executor_worker(p)]


def tasks_done(run: RunRecord) -> list[dict]:
    """The tasks pool workers received (each: fn, inputs), from the workers' own record."""
    pids = {p.pid for p in workers(run)}
    return [e for e in run.of_kind("pool_task") if e["pid"] in pids]


def results_sent(run: RunRecord) -> list:
    pids = {p.pid for p in workers(run)}
    return [e.get("value") for e in run.of_kind("pool_result") if e["pid"] in pids]


def forked_only(run: RunRecord) -> list[Proc]:
    """Processes made with os.fork(), not through multiprocessing."""
    return [p for p in run.all_processes() if not p.is_mp_process and p.via == "fork"]


def threads_only(run: RunRecord) -> bool:
    return bool(run.thread_starts())


def describe(procs) -> str:
    return ", ".join(p.label() for p in procs) if procs else "none"


def ends_normally(runs: TaskRuns, what: str = "child process") -> None:
    run = finished(runs)
    code = run.first("main_end").get("exit")
    expect(code == 0, expected="the program to end normally, with exit code 0",
           observed=f"it ended with sys.exit({code})", hint="Let the program end by itself, without sys.exit().")
    late = {p.pid for p in run.procs.values() if p.is_mp_process} - {p.pid for p in run.children()}
    left = [run.proc(pid).label() if run.proc(pid) else f"process {pid}" for pid in run.leftovers if pid not in late]
    expect(not left, expected=f"no {what} still running when the program ends",
           observed=f"{', '.join(left)} {'was' if len(left) == 1 else 'were'} still running at the end and had to be "
           "stopped by the grader",
           hint="join() every process you start, and let each one finish (a loop that never ends, or a get() "
           "on a Queue nobody fills, keeps it running).")


# -- the program's text ------------------------------------------------------

_STARTS = {"Process", "Pool", "ProcessPoolExecutor", "start", "map", "map_async", "apply", "apply_async", "starmap",
           "starmap_async", "imap", "imap_unordered", "submit", "get_context"}


def _is_main_guard(node) -> bool:
    if not isinstance(node, ast.If):
        return False
    text = ast.dump(node.test)
    return "__name__" in text and "__main__" in text


def _called_names(node) -> set:
    names = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            func = sub.func
            names.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return names


def unguarded_starts(program: str) -> list[int]:
    """Lines at the top level of the program (outside functions, classes and
    `if __name__ == "__main__":`) that start processes or pools."""
    try:
        tree = ast.parse(program)
    except SyntaxError:
        return []
    lines = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)):
            continue
        if _is_main_guard(node):
            continue
        if _called_names(node) & _STARTS:
            lines.append(node.lineno)
    return lines


def main_guard(runs: TaskRuns, program: str, what: str = "processes") -> None:
    run = ran(runs)
    if not run.children():
        return  # nothing started: nothing to guard
    lines = unguarded_starts(program)
    spawned = any(p.method in ("spawn", "forkserver") for p in run.children())
    expect(not lines, expected=f"the code that starts {what} to be under `if __name__ == \"__main__\":`",
           observed=f"it runs at the top level of the program (line {', '.join(map(str, lines[:3]))} of the program "
           "the grader ran)",
           hint=("Your program chose spawn: each child imports the program again and runs its top-level code, "
                 "which starts processes again (an error): put it under `if __name__ == \"__main__\":`.") if spawned
           else ("It works here, under Linux's default start method (fork). Under spawn (macOS, Windows) each child "
                 "imports the program again, and top-level code would start processes again (an error): put it under "
                 "`if __name__ == \"__main__\":`."))


# -- numbers a process printed: see numbers.py


def fail_no_processes(runs: TaskRuns, wanted: str, hint: str):
    run = ran(runs)
    why = stopped.failure(runs, run)
    if why is not None:  # it stopped before it started anything: say why, not what is missing
        raise why
    pool = workers(run)
    forked = forked_only(run)
    if pool:
        observed = (f"only the workers of a pool ran ({describe(pool)}); a pool decides which worker takes which "
                    "task, so they are not processes the program started itself")
    elif forked:
        observed = f"{describe(forked)} made with os.fork(), not with multiprocessing"
    elif threads_only(run):
        observed = "the program started threads (threading.Thread), which run inside the same process"
    else:
        observed = "no child process was started"
    fail(expected=wanted, observed=observed, hint=hint)
