"""Why a free-form program did not get as far as the question asks, in words a
student understands: Python could not read it (a SyntaxError: nothing ran),
it stopped with an error before it started any process, or it asked for
keyboard input, or it was still running at the grader's time limit.

Keyboard input: a grading runs every program with an empty standard input
(as Gradescope does: nobody is there to type), so input() raises EOFError at
once, in the program and in its children, and a run never waits for a key.
The feedback says so and what to do instead (fixed values in the code).
"""
from __future__ import annotations

import ast

from ..checks.api import CheckFailed
from ..checks.trouble import error_hint, meanwhile, seconds
from ..engine.task_runs import TaskRuns
from ..sandbox.record import RunRecord

SYNTAX = ("SyntaxError", "IndentationError", "TabError")
INPUT_OBSERVED = ("it called input() to ask for keyboard input, and an autograder cannot type: the grader runs "
                  "your program with nothing to read, so input() raised EOFError")
INPUT_HINT = ("Use fixed values instead of input(): write them in the program itself (n = 4, numbers = [1, 2, 3, 4] instead of "
              "n = int(input(...))), so that it runs the same way every time, with nobody at the keyboard.")


def asked_for_input(error: dict | str) -> bool:
    """Did this error (an error record, or a traceback's text) come from input() finding no keyboard input?"""
    if isinstance(error, dict):
        text = f"{error.get('type')}: {error.get('message')}\n{error.get('traceback') or ''}"
    else:
        text = error or ""
    return "EOFError" in text and ("EOF when reading a line" in text or "input(" in text)


def program_line(runs: TaskRuns, number) -> str:
    """Line `number` of the program the grader ran, stripped ('' when unknown)."""
    if not number:
        return ""
    try:
        lines = (runs.scheduler.submission / runs.task.file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return ""
    return lines[number - 1].strip()[:100] if 0 < number <= len(lines) else ""


def where(runs: TaskRuns, error: dict) -> str:
    """'at line 3 of your Q6 program (`def show(n)`)', or '' when the line is unknown."""
    line = error.get("line")
    if not line:
        return ""
    text = program_line(runs, line)
    return f"at line {line} of your {runs.task.id.upper()} program" + (f" (`{text}`)" if text else "")


def message_of(error: dict) -> str:
    """The error's type and message, without the '(file, line N)' Python adds to a SyntaxError's."""
    from ..checks.trouble import without_place

    message = without_place(error.get("message") or "")
    return f"{error['type']}: {message}" if message else error["type"]


def syntax_hint(info: dict) -> str:
    return (f"Fix line {info['line']}, then run the program yourself once to see that it works." if info.get("line")
            else "Run the program yourself: Python shows the line with the mistake.")


def unreadable(runs: TaskRuns, info: dict) -> CheckFailed:
    line = info.get("line")
    text = program_line(runs, line)
    said = (f"line {line} of your {runs.task.id.upper()} program" + (f" (`{text}`)" if text else "")) if line \
        else f"your {runs.task.id.upper()} program"
    return CheckFailed(expected="a program Python can run",
                       observed=f"the program did not run at all: Python could not read {said}: {message_of(info)}. "
                       "Python reads the whole program before it runs any of it", hint=syntax_hint(info))


def failure(runs: TaskRuns, run: RunRecord) -> CheckFailed | None:
    """Why the program started no process, when it stopped with an error before it did
    (None when it did not stop so, or did start a process)."""
    error = run.first("main_error")
    if error is None or run.children():
        return None
    info, place = error["error"], where(runs, error["error"])
    if info.get("type") in SYNTAX:
        return unreadable(runs, info)
    if asked_for_input(info):
        return CheckFailed(expected="a program that runs by itself",
                           observed=f"the program stopped {place or 'early'}, before it started any process: "
                           + INPUT_OBSERVED, hint=INPUT_HINT)
    return CheckFailed(
        expected="the program to run until it starts its processes",
        observed=f"the program stopped with {message_of(info)} {place or ''}".rstrip()
        + ", before it started any process",
        hint=hint_for(info, runs.task.file))


def hint_for(info: dict, file: str) -> str:
    said = error_hint(info, file)
    if said.startswith("Read the traceback"):
        return ("Run the program yourself and read the traceback: its last line says what went wrong, the lines "
                "above it where.")
    return said.replace(f"`python {file}`", "running your program").replace(file, "your program")


def _loop_count(node) -> int | None:
    """How many times a `for` loop runs, when its text says (range of constants, a literal list)."""
    if not isinstance(node, ast.For):
        return None
    it = node.iter
    if isinstance(it, (ast.List, ast.Tuple, ast.Set)):
        return len(it.elts)
    if isinstance(it, ast.Call) and getattr(it.func, "id", "") == "range" and it.args \
            and all(isinstance(a, ast.Constant) and isinstance(a.value, int) for a in it.args):
        return len(range(*[a.value for a in it.args]))
    return None


def slept(program: str) -> float | None:
    """About how many seconds the program's time.sleep() calls add up to, read from its text:
    each sleep of a constant, times the runs of the `for` loops around it (a sleep in a loop whose
    runs the text does not say counts once). None when it has no such sleep. A hint, never a verdict."""
    try:
        tree = ast.parse(program)
    except SyntaxError:
        return None
    total, found = 0.0, False

    def walk(node, times):
        nonlocal total, found
        if isinstance(node, ast.Call) and (getattr(node.func, "attr", None) or getattr(node.func, "id", None)) == "sleep" \
                and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, (int, float)) and not isinstance(node.args[0].value, bool):
            total += node.args[0].value * times
            found = True
        count = _loop_count(node)
        for child in ast.iter_child_nodes(node):
            inside = count is not None and child in node.body
            walk(child, times * count if inside else times)

    walk(tree, 1)
    return total if found else None


def too_slow(runs: TaskRuns, record: RunRecord) -> CheckFailed:
    """A run stopped at its time limit, said as it is: too slow for the grader, not wrong."""
    limit = seconds(record.time_limit)
    try:
        program = (runs.scheduler.submission / runs.task.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        program = ""
    sleeps = slept(program)
    why = (f" (its time.sleep() calls add up to about {sleeps:g} s)" if sleeps and sleeps >= record.time_limit / 2
           else "")
    return CheckFailed(
        expected=f"your {runs.task.id.upper()} program to end within {limit}, the grader's time limit",
        observed=f"the grader stopped your program after {limit}: it was still running, too slow for the "
        f"grader{why}" + meanwhile(record),
        hint=("Sleep less (time.sleep(0.1) shows the same thing as time.sleep(1)), and make sure every process "
              "you start can end: a join() waits for it, a get() on a Queue nobody fills waits forever."))
