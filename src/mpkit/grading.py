"""What grader files import: the check API and the checks every task shares.

A grader module sets `TASK` (the manifest id) and `RUNS` (name -> RunSpec),
and defines one test per manifest check, marked `@check("id")`, taking the
`runs` fixture. The helpers here read a run's record in words a student
understands.
"""
from __future__ import annotations

from .checks.api import CheckFailed, check, expect, fail, plural
from .checks.quiz import problem, read_answers
from .engine.task_runs import TaskRuns, child_trouble, last_error
from .sandbox.record import Proc, RunRecord
from .sandbox.runner import CPU_COUNT, RunSpec, probe

__all__ = [
    "CheckFailed", "RunSpec", "check", "expect", "fail", "plural", "probe",
    "describe_children", "joined_by_main", "no_leftovers", "quiz_answered", "quiz_correct",
    "returned_value", "shown", "spawn_run", "child_trouble", "exit_code_hint", "last_error", "started_at_import",
    "import_hint", "pool_sizes", "pools_of", "pool_hint", "describe_pool", "used_thread_pool", "THREAD_POOL_HINT", "CPU_COUNT",
    "pool_shut_down",
]


def shown(value) -> str:
    """A value the recorder described, written the way Python would show it."""
    if isinstance(value, list):
        return "[" + ", ".join(map(shown, value)) + "]"
    if isinstance(value, dict):
        if "$tuple" in value:
            items = list(map(shown, value["$tuple"]))
            return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
        if "$dict" in value:
            return "{" + ", ".join(f"{shown(k)}: {shown(v)}" for k, v in value["$dict"]) + "}"
        if "$process" in value:
            return f"<Process name={value.get('name')!r} pid={value['$process']} exitcode={value.get('exitcode')}>"
        if "$repr" in value:
            return str(value["$repr"])
    return repr(value)


def returned_value(run: RunRecord):
    """The value the student's function returned (as the recorder described it)."""
    return run.first("call_end")["value"]


def joined_by_main(run: RunRecord, proc: Proc, before: str = "call_end") -> bool:
    """Was `proc` joined by the main process before the event `before`?"""
    end = run.first(before)
    limit = (end["t"], end["n"]) if end else None
    for by, code, t, n in proc.joins:
        if by == run.main_pid and code is not None and (limit is None or (t, n) < limit):
            return True
    return False


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


def describe_children(procs) -> str:
    if not procs:
        return "no child process was started"
    return ", ".join(p.label() for p in procs)


def spawn_run(runs: TaskRuns, name: str = "spawn") -> RunRecord:
    """The spawn-method run, which must have returned and really used spawn."""
    run = runs.returned(name)
    methods = sorted({p.method for p in run.children() if p.method})
    expect(
        not methods or methods == ["spawn"],
        expected="the code to use the start method the grader chose (spawn)",
        observed=f"your code forced the start method to {', '.join(methods)}",
        hint="Do not call set_start_method(..., force=True) or get_context() with a fixed method: "
        "the task must work under every start method.",
    )
    return run


SPAWN_FRESH = ("If it works under fork: a spawn child starts a fresh interpreter and imports your file again, "
               "so globals your code set while running are back to their import-time values there; "
               "pass what a child needs as arguments.")


def under_spawn(runs: TaskRuns, assertion, name: str = "spawn") -> None:
    """Run a task's own assertion on its spawn run, explaining spawn-only failures."""
    try:
        run = spawn_run(runs, name)
    except CheckFailed as exc:
        # The spawn tip is for a call that fails only under spawn; a file that
        # does not import fails under every start method.
        if not exc.hint.startswith("Read the traceback") or runs.get(name).first("import_error"):
            raise
        raise CheckFailed(exc.expected, exc.observed, exc.hint + " " + SPAWN_FRESH) from None
    try:
        assertion(run)
    except CheckFailed as exc:
        trouble = child_trouble(run)
        hint = exc.hint
        if "bootstrapping phase" in trouble:
            hint = 'Under spawn each child imports your file again: create processes only under `if __name__ == "__main__":` or inside functions.'
        elif "pickle" in trouble.lower() or "Can't get attribute" in trouble:
            hint = "Under spawn the target is pickled: use a function defined at the top level of the module."
        raise CheckFailed(
            expected=f"{exc.expected} (under the 'spawn' start method)",
            observed=exc.observed + (f"; {trouble}." if trouble else ""),
            hint=hint,
        ) from None


def no_leftovers(runs: TaskRuns, main: str = "call") -> None:
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


def pool_shut_down(runs: TaskRuns) -> None:
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
                 if e["pid"] == run.main_pid and (e["t"], e["n"]) < (end["t"], end["n"])}
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


def quiz_answered(task, task_file) -> None:
    answers = read_answers(task_file)
    keys = [q.key for q in task.quiz]
    problems = {k: problem(answers, k) for k in keys}
    problems = {k: p for k, p in problems.items() if p}
    expect(
        not problems,
        expected="every statement in ANSWERS answered with True or False",
        observed="; ".join(f"{k}: {observed}" for k, (observed, _) in problems.items()),
        hint=" ".join(dict.fromkeys(hint for _, hint in problems.values())),  # each hint once
    )
    extra = sorted(set(answers) - set(keys), key=str)
    expect(
        not extra,
        expected=f"only the keys of the stub in ANSWERS ({', '.join(keys)})",
        observed=f"unknown keys: {', '.join(map(str, extra))}",
        hint="Keep the keys from the stub exactly as they are.",
    )


def quiz_correct(task, task_file, key: str) -> None:
    item = next(q for q in task.quiz if q.key == key)
    answers = read_answers(task_file)
    wrong = problem(answers, key)
    if wrong:  # not True or False: say what was written, not "think again"
        fail(expected=f"True or False as the answer to: {item.statement}", observed=f"ANSWERS[{key!r}]: {wrong[0]}",
             hint=wrong[1])
    answer = answers[key]
    expect(
        answer is item.answer,
        expected=f"the right answer to: {item.statement}",
        observed=f"ANSWERS[{key!r}] is {answer!r}",
        hint="Think again about this statement; the notes for this question explain it.",
    )
