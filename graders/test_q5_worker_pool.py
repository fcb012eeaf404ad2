"""Grader for Q5: square_all squares with a Pool of 4 workers running worker_function."""
import re

from mpkit.grading import (CPU_COUNT, RunSpec, check, describe_pool, expect, fail, import_hint, no_leftovers,
                           pool_hint, pool_shut_down, pool_sizes, pools_of, returned_value, shown, started_at_import,
                           under_spawn)

TASK = "q5"
NUMBERS = [1, 2, 3, 4, 5]
OTHER = [10, -3, 0, 7, 12, 6, 2, 9]
WATCH = ("worker_function",)
PRINTED_LIST = re.compile(r"(?:^|[\s:=])\[1, 4, 9, 16, 25\]$")
RUNS = {
    "single": RunSpec(function="worker_function", args=(12,)),
    "call": RunSpec(function="square_all", args=(NUMBERS,), watch_calls=WATCH),
    "other": RunSpec(function="square_all", args=(OTHER,), watch_calls=WATCH),
    "program": RunSpec(mode="program"),
    "spawn": RunSpec(function="square_all", args=(NUMBERS,), start_method="spawn", watch_calls=WATCH),
}


@check("worker_function_squares")
def test_worker_function_squares(runs):
    value = returned_value(runs.returned("single"))
    expect(value == 144, expected="worker_function(12) to return 144", observed=f"it returned {shown(value)}",
           hint="Return x * x (return it, do not print it).")


def squares(run, numbers):
    value = returned_value(run)
    wanted = [x * x for x in numbers]
    expect(value == wanted, expected=f"square_all({numbers}) to return {wanted}", observed=f"it returned {shown(value)}",
           hint="Return the list pool.map(worker_function, numbers) gives you.")


@check("squares_list")
def test_squares_list(runs):
    squares(runs.returned("call"), NUMBERS)


@check("squares_other_inputs")
def test_squares_other_inputs(runs):
    squares(runs.returned("other"), OTHER)


@check("pool_of_four")
def test_pool_of_four(runs):
    run = runs.returned("call")
    sizes = pool_sizes(run)
    expect(pools_of(sizes, 4), expected="a pool of exactly 4 worker processes",
           observed=describe_pool(run, sizes),
           hint=pool_hint(run, sizes, "Create it with multiprocessing.Pool(processes=4) (or Pool(4)). Pool() without a "
                          "number makes one worker per CPU, which differs from machine to machine (graded code sees "
                          f"{CPU_COUNT} CPUs)."))


def in_workers(run, numbers):
    calls = run.calls("worker_function")
    workers = {p.pid for p in run.pool_workers()}
    in_parent = [c for c in calls if c["pid"] == run.main_pid]
    expect(not in_parent, expected="worker_function to run in the pool's workers",
           observed=f"{len(in_parent)} of its {len(calls)} calls ran in the parent process",
           hint="Let the pool call it: pool.map(worker_function, numbers); do not square the numbers yourself.")
    in_workers = sorted(c["args"][0] for c in calls if c["pid"] in workers and c.get("args"))
    elsewhere = [c for c in calls if c["pid"] not in workers and c["pid"] != run.main_pid]
    early = started_at_import(run)  # forked before the kit could watch worker_function
    expect(in_workers == sorted(numbers), expected=f"the pool's workers to run worker_function for each of {numbers}",
           observed=f"they ran it for {in_workers}" if in_workers
           else f"it ran in processes that are not workers of a multiprocessing.Pool ({len(elsewhere)} calls)"
           if elsewhere else "the grader could not see worker_function run: the pool was created while the file "
           "was imported" if early else "the workers never ran worker_function",
           hint=import_hint(run, "Map worker_function (the function itself, not a lambda) over the numbers with "
                            "pool.map."))


@check("squares_in_workers")
def test_squares_in_workers(runs):
    in_workers(runs.returned("call"), NUMBERS)


@check("program_prints")
def test_program_prints(runs):
    run = runs.finished("program")
    printed = run.main.out.text if run.main else ""
    lines = [line.strip() for line in printed.splitlines()]
    # The list is what is asked for; a label before it ("Squares: [1, ...]") is the student's own.
    if any(PRINTED_LIST.search(line) for line in lines):
        # Printed, but was it square_all's result? Then worker processes ran
        # (how many, and of what kind, is pool_of_four's business).
        expect(bool(run.children()), expected="the program to print the list square_all([1, 2, 3, 4, 5]) returns",
               observed="it printed [1, 4, 9, 16, 25], but no worker process ran: the list was not made by "
               "square_all", hint="Print the list that square_all returns for [1, 2, 3, 4, 5], not a list you "
               "wrote or computed yourself.")
        return
    near = [line for line in lines if re.search(r"\d", line)]
    fail(expected="the program to print [1, 4, 9, 16, 25]",
         observed=f"it printed {printed.strip()!r}" if printed.strip() else "it printed nothing",
         hint="Under `if __name__ == \"__main__\":`, print the list square_all returns for [1, 2, 3, 4, 5]."
         + (" Print the list itself." if near else ""))


@check("works_under_spawn")
def test_works_under_spawn(runs):
    def works(run):
        squares(run, NUMBERS)
        in_workers(run, NUMBERS)

    under_spawn(runs, works)


@check("no_leftover_processes")
def test_no_leftover_processes(runs):
    pool_shut_down(runs)  # first: it says why, where what was left running is luck
    no_leftovers(runs)
