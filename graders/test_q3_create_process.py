"""Grader for Q3: one child process, running my_process_func, prints the line."""
from mpkit.grading import (RunSpec, check, describe_children, exit_code_hint, expect, import_hint, joined_by_main,
                           no_leftovers, returned_value, shown, under_spawn)

TASK = "q3"
LINE = "Child process running."
RUNS = {
    "call": RunSpec(function="create_process", watch_calls=("my_process_func",)),
    "program": RunSpec(mode="program"),
    "spawn": RunSpec(function="create_process", start_method="spawn"),
}


def only_child(run):
    children = run.own_children()
    expect(
        len(children) == 1,
        expected="exactly one child process",
        observed=describe_children(children) if len(children) != 1 else "",
        hint=import_hint(run, "Create one multiprocessing.Process, start() it and join() it."),
    )
    return children[0]


def child_printed(run):
    child = only_child(run)
    parent_lines = run.main.out.lines() if run.main else []
    expect(
        LINE not in [line.strip() for line in parent_lines],
        expected=f"the child process to print {LINE!r}",
        observed="the parent process printed it",
        hint="Print inside my_process_func, and pass the function itself as the target "
        "(target=my_process_func, without parentheses).",
    )
    lines = [line.strip() for line in child.out.lines()]
    expect(
        LINE in lines,
        expected=f"{child.label()} to print {LINE!r}",
        observed=f"it printed {child.out.text.strip()!r}" if child.out.text.strip()
        else f"it printed nothing on standard output, and {child.err.text.strip()!r} on standard error"
        if LINE in child.err.text else "it printed nothing",
        hint=f"Print exactly {LINE!r}: capital C, the full stop, nothing else on the line."
        if child.out.text.strip() else f"my_process_func should do print({LINE!r}) (to standard output, the "
        "default), and the child should end normally: os._exit() throws away output not yet flushed.",
    )
    times = lines.count(LINE)
    expect(
        times == 1,
        expected=f"{child.label()} to print {LINE!r} once",
        observed=f"it printed it {times} times",
        hint="Call print once, in my_process_func, and have the child run my_process_func once.",
    )


@check("one_child")
def test_one_child(runs):
    run = runs.returned("call")
    child = only_child(run)
    ran_target = [c for c in run.calls("my_process_func") if c["pid"] == child.pid]
    # The call is recorded through the module's name; a reference taken at
    # import (a default argument, a dict) bypasses that, but the child's own
    # Process object still shows which function it was given.
    expect(
        bool(ran_target) or child.target == "q3_create_process.my_process_func",
        expected=f"{child.label()} to run my_process_func",
        observed=f"its target was {child.target or 'something else'}",
        hint="Use multiprocessing.Process(target=my_process_func).",
    )


@check("child_prints")
def test_child_prints(runs):
    child_printed(runs.returned("call"))


@check("child_joined")
def test_child_joined(runs):
    run = runs.returned("call")
    child = only_child(run)
    expect(
        joined_by_main(run, child),
        expected=f"create_process() to join {child.label()} before returning",
        observed="it returned without calling join() on the child",
        hint="Call process.join() after process.start().",
    )
    expect(
        child.exitcode == 0,
        expected="the child to exit with code 0",
        observed=f"it exited with code {child.exitcode}",
        hint=exit_code_hint(child.exitcode),
    )


@check("returns_process")
def test_returns_process(runs):
    run = runs.returned("call")
    child = only_child(run)
    value = returned_value(run)
    expect(
        isinstance(value, dict) and value.get("$process") == child.pid,
        expected=f"create_process() to return the Process object of {child.label()}",
        observed=f"it returned {shown(value)}",
        hint="End create_process() with `return process`.",
    )


@check("program_runs")
def test_program_runs(runs):
    run = runs.finished("program")
    child_printed(run)
    code = run.first("main_end").get("exit")
    expect(code == 0, expected="the program to exit with code 0", observed=f"it exited with code {code}",
           hint="Let the program end normally.")


@check("works_under_spawn")
def test_works_under_spawn(runs):
    under_spawn(runs, child_printed)


@check("no_leftover_processes")
def test_no_leftover_processes(runs):
    no_leftovers(runs)
