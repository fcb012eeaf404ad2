"""Grader for Q4: parallel_map(func, items, processes) with a Pool of `processes` workers.

`func` is one of the kit's probe functions: each call records which process
ran it, so the grader sees where the work really happened.
"""
from mpkit.grading import (THREAD_POOL_HINT, RunSpec, check, describe_pool, expect, fail, no_leftovers, pool_hint,
                           pool_shut_down, pool_sizes, pools_of, probe, quiz_answered, quiz_correct, returned_value, shown, under_spawn,
                           used_thread_pool)

TASK = "q4"
# The first item is slow (see square_slow_big): results taken in the order
# they finish, not the order of the items, are then out of order every time.
ITEMS_2 = [100, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8]
ITEMS_3 = [10, -7, 0, 22, 13]
RUNS = {
    "two": RunSpec(function="parallel_map", args=(probe("square_slow_big"), ITEMS_2, 2), slow=True),
    "three": RunSpec(function="parallel_map", args=(probe("negate"), ITEMS_3), kwargs=(("processes", 3),)),
    "empty": RunSpec(function="parallel_map", args=(probe("square"), [], 2)),
    "error": RunSpec(function="parallel_map", args=(probe("fail_on_three"), [1, 2, 3, 4], 2)),
    "spawn": RunSpec(function="parallel_map", args=(probe("square"), [2, 7, 1], 2), start_method="spawn"),
}
EXPECTED = {
    "two": [x * x for x in ITEMS_2],
    "three": [-x for x in ITEMS_3],
    "spawn": [4, 49, 1],
}
CALLED = {"two": "parallel_map(square, items, 2)", "three": "parallel_map(negate, items, processes=3)",
          "spawn": "parallel_map(square, [2, 7, 1], 2)"}


def right_results(run, name, ordered=True):
    value = returned_value(run)
    expected = EXPECTED[name]
    if value == expected:
        return
    if isinstance(value, list) and sorted(map(repr, value)) == sorted(map(repr, expected)):
        if not ordered:
            return
        fail(expected=f"{CALLED[name]} to return {expected}", observed=f"the right values in the wrong order: {value}",
             hint="Pool.map keeps the order of its inputs; imap_unordered and as-completed loops do not.")
    fail(expected=f"{CALLED[name]} to return {expected}", observed=f"it returned {shown(value)}",
         hint="Return the list that pool.map(func, items) gives you.")


@check("results_in_order")
def test_results_in_order(runs):
    for name in ("two", "three"):
        right_results(runs.returned(name), name)


@check("empty_input")
def test_empty_input(runs):
    value = returned_value(runs.returned("empty"))
    expect(value == [], expected="parallel_map(square, [], 2) to return []", observed=f"it returned {shown(value)}",
           hint="Pool.map of an empty list is an empty list; return a list, not None.")


def ran_in_workers(run, items):
    calls = run.probes()
    workers = {p.pid for p in run.pool_workers()}
    in_parent = [c for c in calls if c["pid"] == run.main_pid]
    threads = used_thread_pool(run)
    expect(not in_parent, expected="func to run in the pool's worker processes",
           observed=f"{len(in_parent)} of the {len(calls)} calls of func ran in the parent process"
           + (", in the threads of a ThreadPool" if threads else ""),
           hint=THREAD_POOL_HINT if threads else "Let the pool call func: pool.map(func, items); do not call func yourself.")
    outside = [c for c in calls if c["pid"] not in workers]
    expect(not outside, expected="func to run in the pool's worker processes",
           observed=f"{len(outside)} calls ran in processes that are not workers of a Pool",
           hint="Use multiprocessing.Pool and its map method.")
    done = sorted(c["arg"] for c in calls)
    expect(done == sorted(items), expected=f"func to be called once for each of the {len(items)} items",
           observed=f"it was called for {done}", hint="Map func over all the items, once each.")


@check("runs_in_workers")
def test_runs_in_workers(runs):
    ran_in_workers(runs.returned("two"), ITEMS_2)
    ran_in_workers(runs.returned("three"), ITEMS_3)


@check("worker_count")
def test_worker_count(runs):
    for name, wanted in (("two", 2), ("three", 3)):
        run = runs.returned(name)
        sizes = pool_sizes(run)
        expect(
            pools_of(sizes, wanted),
            expected=f"{CALLED[name]} to create a pool of exactly {wanted} worker processes",
            observed=describe_pool(run, sizes),
            hint=THREAD_POOL_HINT if used_thread_pool(run)
            else "Those processes are not a Pool's workers: use multiprocessing.Pool(processes=processes)."
            if not sizes and run.own_children()
            else pool_hint(run, sizes, "Pass the `processes` argument on: multiprocessing.Pool(processes=processes)."),
        )


@check("exception_propagates")
def test_exception_propagates(runs):
    run = runs.started("error")
    error = run.first("call_error")
    if run.first("call_end"):
        fail(expected="the exception raised by func (ProbeError) to reach the caller",
             observed=f"parallel_map returned {shown(returned_value(run))} instead",
             hint="Do not catch exceptions around pool.map; let them propagate.")
    if run.timed_out or error is None:
        runs.returned("error")  # explains the hang or crash
    expect(error["error"]["type"] == "ProbeError",
           expected="the exception raised by func (ProbeError) to reach the caller",
           observed=f"the caller got {error['error']['type']}: {error['error']['message']}",
           hint="Do not catch the exception or replace it with another one.")


@check("works_under_spawn")
def test_works_under_spawn(runs):
    def works(run):
        right_results(run, "spawn", ordered=False)  # order is results_in_order's business
        ran_in_workers(run, [2, 7, 1])

    under_spawn(runs, works)


@check("no_leftover_processes")
def test_no_leftover_processes(runs):
    pool_shut_down(runs)  # first: it says why, where what was left running is luck
    no_leftovers(runs, "two")


@check("quiz_answered")
def test_quiz_answered(task, task_file):
    quiz_answered(task, task_file)


def test_quiz(task, task_file, quiz_key):
    quiz_correct(task, task_file, quiz_key)
