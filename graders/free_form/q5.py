"""Free-form grader for Q5: "How can you create a pool of worker processes in
Python using the multiprocessing module?" Judged on the program's run: the
tasks the pool's workers received and the results they sent back are
recorded by the workers themselves, whatever the function is called."""
from mpkit.freeform.judging import (describe, ends_normally, main_guard, own_processes, ran, results_sent,
                                    tasks_done, workers)
from mpkit.freeform import stopped
from mpkit.grading import THREAD_POOL_HINT, RunSpec, check, expect, fail, pool_sizes, shown, used_thread_pool

TASK = "q5"
RUNS = {"program": RunSpec(mode="program", line_buffered=True)}
HINT = "Make the pool with `with multiprocessing.Pool(4) as pool:` and give it work: pool.map(f, [1, 2, 3])."


def the_pool(runs):
    run = ran(runs)
    if not workers(run):
        why = stopped.failure(runs, run)
        if why is not None:  # it stopped before it made a pool: say why
            raise why
        if used_thread_pool(run):
            fail(expected="a pool of worker processes", observed="the pool's workers were threads of this one "
                 "process (multiprocessing.pool.ThreadPool or multiprocessing.dummy)", hint=THREAD_POOL_HINT)
        own = own_processes(run)
        fail(expected="the program to make a pool of worker processes (multiprocessing.Pool or ProcessPoolExecutor)",
             observed=f"it started processes of its own ({describe(own)}), not a pool" if own
             else "no pool worker process was started", hint=HINT)
    return run


def sizes(run, program=""):
    """Each pool's size: Pools as the stub graders count them. An executor starts its
    workers all at once under fork but one by one as work comes under spawn (fewer when
    a worker is free again soon), so its size is read from the program where it says
    it (ProcessPoolExecutor(4), max_workers=4; none: one per CPU), else counted."""
    found = pool_sizes(run)
    executor = [p for p in workers(run) if not p.is_pool_worker]
    if not executor:
        return found
    said = executor_sizes(program)
    return found + (said if said else [len(executor)])


def executor_sizes(program: str) -> list:
    """The max_workers of each ProcessPoolExecutor(...) in the program, when all are plain numbers."""
    from mpkit.sandbox.runner import CPU_COUNT

    found = [CPU_COUNT if size == PER_CPU else size for size in sizes_said(program, "ProcessPoolExecutor")]
    return [] if None in found else found


PER_CPU = "per CPU"


def sizes_said(program: str, *makers: str) -> list:
    """What each call of `makers` (Pool, ProcessPoolExecutor) in the program asks for: a number,
    PER_CPU (no size, None, or a size read from os.cpu_count()), or None (something else)."""
    import ast

    try:
        tree = ast.parse(program)
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in makers:
            names = ("processes", "max_workers")
            given = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg in names), None)
            if given is None or isinstance(given, ast.Constant) and given.value is None or "cpu_count" in ast.dump(given):
                found.append(PER_CPU)
            elif isinstance(given, ast.Constant) and isinstance(given.value, int):
                found.append(given.value)
            else:
                found.append(None)
    return found


def say_size(size: int, program: str) -> str:
    """A pool's size in words. One of os.cpu_count() workers is said so, never as the number the grader's
    machine has (a run sees the same CPU count everywhere, and the student's own computer differs)."""
    from mpkit.sandbox.runner import CPU_COUNT

    if size == CPU_COUNT and PER_CPU in sizes_said(program, "Pool", "ProcessPoolExecutor"):
        return "a pool of one worker per CPU core (the number of CPU cores, os.cpu_count(), differs from one computer to another)"
    return f"a pool of {size} worker process{'es' if size != 1 else ''}"


def values(value):
    """The plain values in a result (a map's chunk is a list of them)."""
    if isinstance(value, list):
        return [v for item in value for v in values(item)]
    if isinstance(value, dict) and "$tuple" in value:
        return [v for item in value["$tuple"] for v in values(item)]
    if isinstance(value, dict) and "$dict" in value:  # {"n": 2, "square": 4}: its keys and values
        return [v for pair in value["$dict"] for item in pair for v in values(item)]
    return [value]


@check("makes_pool")
def test_makes_pool(runs):
    the_pool(runs)


@check("workers_apply_function")
def test_workers_apply_function(runs):
    run = the_pool(runs)
    tasks = tasks_done(run)
    inputs = sum(t.get("inputs") or 0 for t in tasks)
    expect(inputs >= 2, expected="the pool's workers to apply a function to several inputs",
           observed="the workers received no work" if not tasks else
           f"the workers applied {tasks[0].get('fn', 'a function').rsplit('.', 1)[-1]} to {inputs} input only",
           hint="Give the pool a list of inputs: results = pool.map(f, [1, 2, 3, 4, 5]).")
    expect(bool(results_sent(run)), expected="the workers to return results",
           observed="the function raised an error in every worker" if tasks else "no result came back",
           hint="Run the program yourself and read the traceback.")


@check("results_shown")
def test_results_shown(runs):
    run = the_pool(runs)
    results = [v for r in results_sent(run) for v in values(r)]
    parent = run.main.out.text if run.main else ""
    tokens = set(_tokens(parent))
    shown_by_parent = bool(results) and all(_token(v) in tokens or (isinstance(v, str) and v in parent)
                                            or _rounded_in(v, tokens) for v in results if v is not None)
    shown_by_parent = shown_by_parent and any(v is not None for v in results)
    printed = [line for p in workers(run) for line in p.out.lines() if line.strip()]
    inputs = sum(t.get("inputs") or 0 for t in tasks_done(run))
    if shown_by_parent or (printed and len(printed) >= min(inputs, 2)):
        return
    if "Result object" in parent or "MapResult" in parent or "Future at" in parent:
        fail(expected="the results to be printed", observed=f"the program printed {parent.strip()[:120]!r}: the "
             "object that will hold the results, not the results", hint="Call .get() on what map_async or "
             "apply_async returned (or .result() on a Future), and print that.")
    fail(expected="the results to be printed, by the parent or by the workers",
         observed=(f"the workers returned {shown(results[:8])}, but " if results else
                   "no result came back from the workers, and ") + said_lines(parent, printed)
         + (" before the grader stopped the program at its time limit (it was too slow for the grader)"
            if run.timed_out else ""),
         hint="Print what the pool returned: print(pool.map(f, numbers)).")


def said_lines(parent: str, workers_printed: list) -> str:
    """What was printed, in a few words: 'nothing was printed', or the lines themselves."""
    lines = [line.strip() for line in parent.splitlines() if line.strip()]
    if not lines and not workers_printed:
        return "nothing was printed"
    said = []
    if lines:
        said.append("the program printed only " + _quote(lines))
    if workers_printed:
        said.append("the workers printed only " + _quote(workers_printed))
    return " and ".join(said) + ", and no line shows the results"


def _quote(lines: list) -> str:
    shown_lines = " / ".join(repr(line[:60]) for line in lines[:3])
    return shown_lines + (f" (and {len(lines) - 3} more lines)" if len(lines) > 3 else "")


def _token(value) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def _rounded_in(value, tokens) -> bool:
    """A float printed rounded (round(r, 2), f"{r:.3f}"): a printed number with
    d decimals (one or more) that is the value rounded to d decimals."""
    if not isinstance(value, float) or isinstance(value, bool):
        return False
    for token in tokens:
        whole, dot, decimals = token.lstrip("-").partition(".")
        if dot and decimals.isdigit() and whole.isdigit() and abs(float(token) - value) <= 0.5 * 10 ** -len(decimals) + 1e-12:
            return True
    return False


def _tokens(text: str):
    import re

    return re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?|\w+", text)


@check("ends_normally")
def test_ends_normally(runs):
    ends_normally(runs, "worker process")


@check("pool_of_four")
def test_pool_of_four(runs, program):
    run = the_pool(runs)
    found = sizes(run, program)
    expect(found == [4], expected="a pool of 4 worker processes, as the question says",
           observed="; ".join(say_size(size, program) for size in found),
           hint="Pass the size: multiprocessing.Pool(processes=4) (without it, the pool has one worker per CPU).")


@check("pool_closed")
def test_pool_closed(runs):
    run = the_pool(runs)
    end = run.first("main_end") or run.first("main_error")
    limit = (end["t"], end["n"]) if end else (float("inf"), 0)
    calls = {e["call"] for e in run.of_kind("pool") if e["pid"] == run.main_pid and (e["t"], e["n"]) < limit}
    executor = [p for p in workers(run) if not p.is_pool_worker]
    joined = all(any(by == run.main_pid and (t, n) < limit for by, _, t, n in p.joins) for p in executor)
    pool_done = not any(p.is_pool_worker for p in workers(run)) or bool(calls & {"join", "terminate"})
    if run.timed_out and not (pool_done and joined):
        return  # stopped at the time limit, maybe inside its `with` block: it cannot be told
    expect(pool_done and joined, expected="the program to shut its pool down when the work is done",
           observed="the pool was left open: nothing called join() or terminate() on it, and its workers ended "
           "only when the program exited" if not pool_done else "the executor was never shut down",
           hint="Use `with multiprocessing.Pool(4) as pool:` (or pool.close() then pool.join()), or "
           "`with ProcessPoolExecutor() as executor:`.")


@check("main_guard")
def test_main_guard(runs, program):
    main_guard(runs, program, "the pool")
