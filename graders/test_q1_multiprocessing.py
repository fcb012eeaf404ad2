"""Grader for Q1: child_pid() starts a child that sends back its own PID."""
import signal

from mpkit.grading import (RunSpec, check, describe_children, exit_code_hint, expect, fail, joined_by_main,
                           last_error, no_leftovers, pid_copied, pid_shared, pid_travelled, quiz_answered, quiz_correct,
                           returned_value, shown, under_spawn)

TASK = "q1"
RUNS = {
    "call": RunSpec(function="child_pid", follow_pids=True),
    "spawn": RunSpec(function="child_pid", start_method="spawn", follow_pids=True),
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
    # The parent knows child.pid without the child sending anything: the PID
    # must have travelled from the child to the parent. Where the kernel
    # observer followed the run's messages (Linux), its view decides: the
    # run's own record of them is the student's code's to forge.
    travelled = pid_travelled(run, child)
    # Shared memory (Value, Array, SharedMemory) moves no bytes through the
    # kernel: who wrote the PID there is watched from outside where it can be.
    shared = pid_shared(run, child)
    if travelled or shared:
        return child
    end = run.first("call_end")

    def before_end(when):
        return when is not None and when < (end["t"], end["n"])

    took = before_end(run.main.pids_read.get(value))
    if travelled is None:
        # The recorder alone (no observer): received counts only if the child
        # sent it (a parent that puts child.pid on a Queue and reads it back
        # receives it from itself). Some channels it cannot see end to end (a
        # file, a socket): a parent that never read the PID off the Process
        # object got it from the child somehow.
        if (before_end(run.main.received_pids.get(value)) and child.sent_own_pid) or not took:
            return child
    expected = f"child_pid() to return the PID that {child.label()} sent back to the parent"
    expect(
        not pid_copied(run, child),
        expected=expected,
        observed="the child only sent back a PID another process gave it first (child.pid, sent to the child or "
        "put into memory it shares): a copy of what the parent knew, not the child's own finding",
        hint="In the child's target function, call os.getpid() and send that; the parent sends the child nothing.",
    )
    # Where who wrote shared memory was watched, a PID the child only found
    # there (another process wrote it) was not sent by the child.
    by_memory_only = child.sent_vias <= {"Value", "shared memory"}
    watched = run.kernel is not None and run.kernel.shared_usable
    expect(
        not (child.sent_own_pid and by_memory_only and watched),
        expected=expected,
        observed=f"the {value} in the shared memory it shares with the child was written there by another "
        "process (the parent?), not by the child itself",
        hint="The child must write os.getpid() into the Value (or Array, or SharedMemory) itself, in its target "
        "function; the parent only reads it after join().",
    )
    expect(
        not child.sent_own_pid,
        expected=expected,
        observed=f"the child sent its PID, but child_pid() never received it: the {value} it returned came from "
        + ("the Process object's .pid" if took else "somewhere else than the child's message"),
        hint="Return what you receive: pid = queue.get() (or conn.recv()), then return pid.",
    )
    fail(
        expected=expected,
        observed=f"it returned {value}, the PID of that process"
        + (" read off its Process object (.pid)" if took else "") + ", but that process never sent its own PID to "
        "the parent",
        hint="The child must send os.getpid() itself, for example with queue.put(os.getpid()) in its target "
        "function (or through a Pipe or a multiprocessing.Value); process.pid in the parent does not count, "
        "since nothing was sent.",
    )


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
    # Sending its PID is the child's whole job: a child that then crashed, or
    # was killed, did not end well. A `with Pool` block terminates its workers.
    code, error = child.exitcode, last_error(child.err.text)
    why = " (child_pid() stopped it with terminate() or kill())" if child.terminated else f": {error}" if error else ""
    expect(
        code == 0 or (child.is_pool_worker and code == -signal.SIGTERM),
        expected=f"{child.label()} to end normally (exit code 0) after sending its PID",
        observed=f"it exited with code {code}{why}",
        hint=exit_code_hint(code),
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
