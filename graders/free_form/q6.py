"""Free-form grader for Q6: "Write a Python program to create 4 processes, each
process should print a different number using the multiprocessing module."
Who printed what is known from the output files the kit gives each process,
never from what the lines say."""
from mpkit.freeform.judging import (describe, ends_normally, fail_no_processes, joined_by_program, left_to_luck,
                                    main_guard, numbers_of, own_processes, printed_numbers, ran, tasks_done, workers)
from mpkit.freeform import stopped
from mpkit.freeform.randomness import random_print
from mpkit.grading import RunSpec, check, expect, fail

TASK = "q6"
RUNS = {"program": RunSpec(mode="program", line_buffered=True, hold_exits=True)}
HINT = "Start four multiprocessing.Process objects, one per number: Process(target=show, args=(n,))."


def the_processes(run):
    """The processes that did the work: the program's own, else the pool workers that ran a task."""
    own = own_processes(run)
    if own:
        return own, False
    busy = {e["pid"] for e in tasks_done(run)}
    pooled = [p for p in workers(run) if p.pid in busy]
    return pooled, bool(pooled)


@check("four_children")
def test_four_children(runs):
    run = ran(runs)
    own = own_processes(run)
    if not own:
        fail_no_processes(runs, "exactly four child processes, each started as a process of its own", HINT)
    expect(len(own) == 4, expected="exactly four child processes",
           observed=f"{len(own)} child process{'es' if len(own) != 1 else ''}: {describe(own)}",
           hint="Start one process per number, four in all (for n in range(1, 5)).")


@check("each_prints_number")
def test_each_prints_number(runs):
    run = ran(runs)
    procs, pooled = the_processes(run)
    if not procs:
        fail_no_processes(runs, "four child processes, each printing a number", HINT)
    for proc in procs:
        luck = None if pooled else left_to_luck(run, proc)
        expect(luck is None, expected=f"{proc.label()} to print a number", observed=str(luck),
               hint="join() every process you start (and no terminate() before), so that each one prints its "
               "number before the program ends.")
        # A process that asked for keyboard input stopped there: what it printed was its question.
        expect(not stopped.asked_for_input(proc.err.text), expected=f"{proc.label()} to print a number",
               observed=f"it stopped before it printed one: {stopped.INPUT_OBSERVED}", hint=stopped.INPUT_HINT)
        numbers = printed_numbers(run, proc)
        if numbers:
            continue
        text = proc.out.text.strip()
        err = proc.err.text.strip()
        named = proc.name and proc.name in text
        if not text and not err and proc.end_code is None and run.timed_out:  # stopped at the time limit
            slow = stopped.too_slow(runs, run)
            fail(expected=f"{proc.label()} to print a number",
                 observed="it had printed nothing yet: "
                 + slow.observed.replace("your program", "your program (and this process)", 1),
                 hint=slow.hint)
        fail(expected=f"{proc.label()} to print a number",
             observed=f"it printed {text[:100]!r}, with no number in it"
             + (f" ({proc.name!r} is the name multiprocessing gave the process, not a number)" if named else "") if text
             else f"it printed nothing on standard output (on standard error: {err[:100]!r})" if err
             else "it printed nothing",
             hint="Give each process its number as an argument (args=(n,)) and print it in the process's "
             "function: print(n)." if text else
             "Call print(...) in the function each process runs (its target).")


@check("numbers_differ")
def test_numbers_differ(runs, program):
    run = ran(runs)
    procs, pooled = the_processes(run)
    if pooled:
        fail(expected="four processes, each printing its own number",
             observed=f"the numbers were printed by the workers of a pool ({describe(procs)}); which worker takes "
             "which number is the pool's choice, so a worker may print two numbers and another none",
             hint=HINT)
    if not procs:
        fail_no_processes(runs, "four child processes, each printing a different number", HINT)
    hint = "Pass each process its own number: for n in range(1, 5): Process(target=show, args=(n,))."
    # What a process stopped by luck printed is not counted (see left_to_luck).
    # Nor is what a process printed before it stopped at input() (its question to the keyboard).
    printed = [(proc, () if left_to_luck(run, proc) or stopped.asked_for_input(proc.err.text)
                else printed_numbers(run, proc)) for proc in procs]
    expect(any(numbers for _, numbers in printed), expected="each process to print a different number",
           observed="no process printed a number, so there are no numbers that differ", hint=hint)
    drawn = random_print(program)  # read from the program: what was drawn this time must not decide
    expect(drawn is None, expected="each process to print a different number that the program gives it",
           observed=f"the numbers printed are drawn at random ({drawn}): random numbers are not a different "
           "number for each process, since two processes may draw the same one, and the same program prints "
           "other numbers every time it runs", hint=hint + " Random numbers are not sure to differ; use numbers "
           "you choose.")
    # The four numbers differ: no two processes printed the same numbers, and one number of
    # each process's can be picked so that the picks all differ ("1 of 4", "2 of 4", ... pick 1,
    # 2, 3, 4; four lines "[1, 2, 3, 4]" are the same numbers; 0 / 0, 1 / 0, 1, 2 pick 0, 1, 2).
    with_numbers = [(proc, numbers) for proc, numbers in printed if numbers]
    for i, (proc, numbers) in enumerate(with_numbers):
        same = next((p for p, n in with_numbers[:i] if set(n) == set(numbers)), None)
        expect(same is None, expected="each process to print a different number",
               observed=f"{same.label() if same else ''} and {proc.label()} both printed "
               f"{', '.join(map(str, dict.fromkeys(numbers)))}", hint=hint)
    picked = distinct_picks([set(numbers) for _, numbers in with_numbers])
    expect(picked is not None, expected="each process to print a different number",
           observed="no choice of one printed number per process gives different numbers, so not every "
           "process printed a number of its own: "
           + "; ".join(f"{p.label()} printed {', '.join(map(str, dict.fromkeys(n)))}" for p, n in with_numbers),
           hint=hint)


def distinct_picks(choices: list) -> list | None:
    """One item of each set, all different (None if there is no such pick): a matching."""
    owner: dict = {}  # item -> index of the set it was picked for

    def place(i, tried) -> bool:
        for item in sorted(choices[i], key=repr):
            if item in tried:
                continue
            tried.add(item)
            if item not in owner or place(owner[item], tried):
                owner[item] = i
                return True
        return False

    if not all(place(i, set()) for i in range(len(choices))):
        return None
    return [next(item for item, i in owner.items() if i == j) for j in range(len(choices))]


@check("number_given")
def test_number_given(runs):
    run, procs = own(runs)
    pids_only = [p for p in procs if numbers_of(run, p)[1]]
    expect(not pids_only, expected="each process to print a number the program gave it",
           observed=f"{describe(pids_only)} printed only {'its' if len(pids_only) == 1 else 'their'} process ID "
           "(os.getpid()): a number, different in each process, so it counts, but the operating system chose it",
           hint="Give each process its own number as an argument and print it: Process(target=show, args=(n,)), "
           "then print(n) in show (with the PID beside it if you like).")


@check("ends_normally")
def test_ends_normally(runs):
    ends_normally(runs)


def own(runs):
    run = ran(runs)
    procs = own_processes(run)
    if not procs:
        fail_no_processes(runs, "four child processes of the program's own", HINT)
    return run, procs


@check("joins_all")
def test_joins_all(runs):
    run, procs = own(runs)
    # Stopped at the time limit, the program may have been waiting in join(): not "never joined".
    late = [] if run.timed_out else [p for p in procs if not joined_by_program(run, p)]
    expect(not late, expected="the program to join all its processes",
           observed=f"{describe(late)} {'was' if len(late) == 1 else 'were'} never joined (Python waited for "
           "them only at exit)", hint="After starting them, call join() on each: for p in processes: p.join().")


@check("started_before_joined")
def test_started_before_joined(runs):
    run, procs = own(runs)
    # An is_alive() that found a process ended at a look (not in a loop) is no wait.
    joins = [(t, n) for p in procs for by, _, t, n in p.joins if by == run.main_pid and (t, n) not in p.looks]
    joins += [(t, n) for p in procs for by, t, n in p.join_calls if by == run.main_pid]
    if not joins:
        return  # joins_all says it
    first = min(joins)
    late = [p for p in procs if p.start_seq and p.start_seq > first]
    expect(not late, expected="all the processes started before the first join(), so they run at the same time",
           observed=f"{describe(late)} started only after the program waited for an earlier process, so the "
           "processes ran one after another",
           hint="Use two loops: one that starts every process, then one that joins every process.")


@check("one_print_per_line")
def test_one_print_per_line(runs):
    run, procs = own(runs)
    for proc in procs:
        prints = sum(1 for e in run.of_kind("print") if e["pid"] == proc.pid and e.get("stream") == "out")
        lines = len([line for line in proc.out.lines() if line.strip()])
        expect(prints <= max(lines, 1), expected=f"{proc.label()} to print each line with one print() call",
               observed=f"it made {prints} print() calls for {lines} line{'s' if lines != 1 else ''}",
               hint="Build the whole line first: print(f\"Process {n}: {os.getpid()}\"). Pieces printed one by one "
               "(print(..., end='')) can mix with other processes' pieces on a shared screen.")


@check("main_guard")
def test_main_guard(runs, program):
    main_guard(runs, program)
