"""Grader for Q2: a child process's change to COUNTER stays in the child; a thread's does not."""
from mpkit.grading import (RunSpec, check, describe_children, expect, joined_by_main, no_leftovers,
                           quiz_answered, quiz_correct, returned_value, shown, under_spawn)

TASK = "q2"
WATCH = ("COUNTER",)
RUNS = {
    "process": RunSpec(function="counter_after_process", watch_globals=WATCH),
    "thread": RunSpec(function="counter_after_thread", watch_globals=WATCH, watch_calls=("increment",)),
    "spawn": RunSpec(function="counter_after_process", start_method="spawn", watch_globals=WATCH),
}


def _counter(snapshot):
    return (snapshot or {}).get("COUNTER")


def _counter_at_start(run, proc):
    """COUNTER when the child began. A spawned pool worker (Pool,
    ProcessPoolExecutor) imports the student's file only when its first task
    arrives: it starts from what a fresh import gives, as the parent saw it."""
    if proc.globals_at_boot is not None:
        return _counter(proc.globals_at_boot)
    if proc.method in ("spawn", "forkserver"):
        return _counter((run.first("import_end") or {}).get("globals"))
    return None


def child_incremented(run):
    """The child process that added 1 to its own COUNTER and was joined."""
    children = run.children()
    changed = []
    for p in children:
        before = _counter_at_start(run, p)
        if isinstance(before, int) and _counter(p.globals_at_end) == before + 1:
            changed.append(p)
    unfinished = [p for p in children if p.globals_at_end is None and not joined_by_main(run, p)]
    expect(
        bool(changed) or not unfinished,
        expected="a child process that runs increment and has ended when counter_after_process() returns",
        observed=f"{describe_children(unfinished)} had not ended: it was never joined and was still running",
        hint="Call .join() on the Process before you read COUNTER.",
    )
    expect(
        bool(changed),
        expected="a child process that runs increment (its own COUNTER goes up by 1)",
        observed=f"{describe_children(children)}; none of them changed COUNTER"
        if children else "no child process was started",
        hint="Create multiprocessing.Process(target=increment), start it and join it.",
    )
    child = changed[0]
    expect(
        joined_by_main(run, child),
        expected=f"counter_after_process() to join {child.label()} before returning",
        observed="it returned without joining the child",
        hint="Call .join() on the Process before you read COUNTER.",
    )
    return child


def parent_sees_zero(run):
    child_incremented(run)
    value = returned_value(run)
    expect(
        value == 0 and not isinstance(value, bool),
        expected="counter_after_process() to return 0 (the parent's COUNTER)",
        observed=f"it returned {shown(value)}",
        hint="Return the global COUNTER after joining: the child changed only its own copy.",
    )


@check("process_increments")
def test_process_increments(runs):
    child_incremented(runs.returned("process"))


@check("process_counter_unchanged")
def test_process_counter_unchanged(runs):
    parent_sees_zero(runs.returned("process"))


EXECUTOR_THREAD = "concurrent.futures.thread._worker"


def runs_module(run) -> str:
    """The module the student's functions live in (the task file's)."""
    start = run.first("import_start")
    return (start or {}).get("module") or ""


def thread_incremented(run):
    end = run.first("call_end")
    threads = [e for e in run.thread_starts() if e["pid"] == run.main_pid]
    ends = {(e["thread"], e["pid"]): e for e in run.events if e["e"] == "thread_end"
            and (e["t"], e["n"]) < (end["t"], end["n"])}  # threads finished when the function returned

    # COUNTER going up while a thread ran is not enough: the caller may have
    # changed it meanwhile. The thread itself must have run increment, or run
    # a function of the student's own that did the same work while no other
    # thread ran increment (as the process check credits any function).
    calls = run.calls("increment")
    ran = {(c.get("thread"), c["pid"]) for c in calls}
    module = runs_module(run)

    def others_incremented(thread, stop) -> bool:
        span = ((thread["t"], thread["n"]), (stop["t"], stop["n"]))
        return any(c.get("thread") != thread["thread"] and span[0] <= (c["t"], c["n"]) <= span[1] for c in calls)

    def incremented(thread):
        before, stop = _counter(thread.get("globals")), ends.get((thread["thread"], thread["pid"]))
        if stop is None or not isinstance(before, int) or _counter(stop.get("globals")) != before + 1:
            return False
        target = str(thread.get("target"))
        if (thread["thread"], thread["pid"]) in ran or target.endswith(".increment"):
            return True
        own_function = bool(module) and target.startswith(module + ".")
        return own_function and not others_incremented(thread, stop)

    good = [t for t in threads if incremented(t)]
    running = [t for t in threads if (t["thread"], t["pid"]) not in ends]
    executor = any(t.get("target") == EXECUTOR_THREAD for t in running)
    if not threads:
        observed = "no thread was started"
    elif running:
        observed = (f"{len(threads)} thread(s) ran, and {len(running)} of them had not finished when "
                    "counter_after_thread() returned")
        if executor:
            observed += (": a ThreadPoolExecutor's worker thread keeps running, waiting for more work, until the "
                         "executor is shut down")
    else:
        observed = (f"{len(threads)} thread(s) ran and finished, but none of them ran increment (or a function of "
                    "yours that adds 1 to COUNTER) by itself")
    expect(
        bool(good),
        expected="a thread that runs increment and has finished when counter_after_thread() returns",
        observed=observed,
        hint="Use `with ThreadPoolExecutor() as executor:` (its end waits for the thread), or call "
        "executor.shutdown() before you read COUNTER." if executor
        else "Create threading.Thread(target=increment), start it and join it.",
    )
    joined = {(e["thread"], e["pid"]) for e in run.events
              if e["e"] == "thread_join" and (e["t"], e["n"]) < (end["t"], end["n"])}
    expect(
        any((s["thread"], s["pid"]) in joined for s in good),
        expected="counter_after_thread() to join the thread before it returns",
        observed="it returned without calling join() on the thread (the thread happened to be done already)",
        hint="Call .join() on the Thread before you read COUNTER: without it, COUNTER may be read before "
        "the thread ran.",
    )
    expect(
        not run.children(),
        expected="counter_after_thread() to use a thread, not a process",
        observed=f"it started {describe_children(run.children())}",
        hint="Use threading.Thread here.",
    )


@check("thread_increments")
def test_thread_increments(runs):
    thread_incremented(runs.returned("thread"))


@check("thread_counter_changed")
def test_thread_counter_changed(runs):
    run = runs.returned("thread")
    thread_incremented(run)
    value = returned_value(run)
    expect(
        value == 1 and not isinstance(value, bool),
        expected="counter_after_thread() to return 1",
        observed=f"it returned {shown(value)}",
        hint="Return the global COUNTER after joining the thread: threads share the process's memory.",
    )


@check("works_under_spawn")
def test_works_under_spawn(runs):
    under_spawn(runs, parent_sees_zero)


@check("no_leftover_processes")
def test_no_leftover_processes(runs):
    no_leftovers(runs, "process")


@check("quiz_answered")
def test_quiz_answered(task, task_file):
    quiz_answered(task, task_file)


def test_quiz(task, task_file, quiz_key):
    quiz_correct(task, task_file, quiz_key)
