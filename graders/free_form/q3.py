"""Free-form grader for Q3: "Write a Python program to create a process using
the multiprocessing module." Judged on the program's run (see
mpkit.freeform.judging): a process of its own, whose target ran in it."""
from mpkit.freeform.judging import (describe, ends_normally, fail_no_processes, joined_by_program, left_to_luck,
                                    main_guard, own_processes, ran)
from mpkit.freeform import stopped
from mpkit.grading import RunSpec, check, exit_code_hint, expect, last_error

TASK = "q3"
RUNS = {"program": RunSpec(mode="program", line_buffered=True)}
HINT = "Create a multiprocessing.Process(target=your_function), then call start() on it (and join())."


def children(runs):
    run = ran(runs)
    procs = own_processes(run)
    if not procs:
        fail_no_processes(runs, "the program to start a child process with multiprocessing.Process", HINT)
    return run, procs


@check("starts_process")
def test_starts_process(runs):
    children(runs)


@check("target_runs_in_child")
def test_target_runs_in_child(runs):
    run, procs = children(runs)
    for child in procs:
        expect(child.target is not None, expected=f"{child.label()} to run a function (its target)",
               observed="it was started with no target, so it did nothing",
               hint="Pass the function itself, without parentheses: Process(target=my_function). With "
               "target=my_function() the function runs in the parent, and the child gets what it returned.")
        luck = left_to_luck(run, child)
        expect(luck is None, expected=f"{child.label()} to run its target to the end", observed=str(luck),
               hint="Let the child finish: call join() on it (and no terminate() before), so the program waits "
               "until its target has run.")
        code = child.end_code
        error = last_error(child.err.text)
        expect(code == 0, expected=f"{child.label()} to run its target to the end",
               observed=f"it ended with exit code {code}" + (f": {error}" if error else "")
               + (f"; {stopped.INPUT_OBSERVED}" if stopped.asked_for_input(child.err.text) else "")
               if code is not None else stopped.too_slow(runs, run).observed.replace("your program", "your program "
                                                                                 "(and this child, still running)")
               if run.timed_out else "it never ran to its end",
               hint=stopped.INPUT_HINT if stopped.asked_for_input(child.err.text) else exit_code_hint(code)
               if code is not None else stopped.too_slow(runs, run).hint if run.timed_out
               else "Let the child finish and join() it.")


@check("ends_normally")
def test_ends_normally(runs):
    ends_normally(runs)


@check("joins_child")
def test_joins_child(runs):
    run, procs = children(runs)
    # Stopped at the time limit, the program may have been waiting in join(): not "never joined".
    late = [] if run.timed_out else [p for p in procs if not joined_by_program(run, p)]
    expect(not late, expected="the program to wait for its child with join()",
           observed=f"{describe(late)} {'was' if len(late) == 1 else 'were'} never joined (Python waited for "
           "it only at exit)", hint="Call process.join() after process.start(): the program then knows the "
           "child has finished before it goes on.")


@check("main_guard")
def test_main_guard(runs, program):
    main_guard(runs, program)
