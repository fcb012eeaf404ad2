"""Grader for Q1: child_pid() starts a child that sends back its own PID."""
from mpkit.grading import (RunSpec, check, describe_children, expect, joined_by_main, no_leftovers,
                           quiz_answered, quiz_correct, returned_value, shown, under_spawn)

TASK = "q1"
RUNS = {
    "call": RunSpec(function="child_pid"),
    "spawn": RunSpec(function="child_pid", start_method="spawn"),
}


def the_child(run):
    """The child process whose PID child_pid() returned."""
    value = returned_value(run)
    children = run.children()  # a Pool's or an executor's worker is a child process too
    expect(
        isinstance(value, int) and not isinstance(value, bool),
        expected="child_pid() to return a PID (an int)",
        observed=f"it returned {shown(value)}",
        hint="The PID came back as text: convert it with int() before returning it." if isinstance(value, str)
        else "Return the number the child sent back.",
    )
    expect(
        value != run.main_pid,
        expected="the PID of the child process",
        observed=f"{value} is the PID of the parent process (the one that called child_pid())",
        hint="os.getpid() must be called inside the child, in the process's target function, and the child "
        "started with .start(): calling .run() (or the function itself) runs it in this process."
        if children else "No child process was started: create a multiprocessing.Process and call its "
        ".start() (not .run(), which runs the target in this process).",
    )
    child = next((p for p in children if p.pid == value), None)
    expect(
        child is not None,
        expected="the PID of a child process that child_pid() started",
        observed=f"it returned {value}, but the processes it started were: {describe_children(children)}",
        hint="Have the child put os.getpid() on a Queue (or send it through a Pipe) and return what you receive.",
    )
    return child


@check("returns_child_pid")
def test_returns_child_pid(runs):
    the_child(runs.returned("call"))


@check("child_joined")
def test_child_joined(runs):
    run = runs.returned("call")
    child = the_child(run)
    expect(
        joined_by_main(run, child),
        expected=f"child_pid() to call join() on {child.label()} before returning",
        observed="it returned without joining the child",
        hint="Call .join() on the Process after you received its PID.",
    )


@check("works_under_spawn")
def test_works_under_spawn(runs):
    under_spawn(runs, the_child)


@check("no_leftover_processes")
def test_no_leftover_processes(runs):
    no_leftovers(runs)


@check("quiz_answered")
def test_quiz_answered(task, task_file):
    quiz_answered(task, task_file)


def test_quiz(task, task_file, quiz_key):
    quiz_correct(task, task_file, quiz_key)
