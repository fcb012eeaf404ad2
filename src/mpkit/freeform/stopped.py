"""Why a free-form program did not get as far as the question asks, in words a
student understands: Python could not read it (a SyntaxError: nothing ran),
it stopped with an error before it started any process, or it asked for
keyboard input.

Keyboard input: a grading runs every program with an empty standard input
(as Gradescope does: nobody is there to type), so input() raises EOFError at
once, in the program and in its children, and a run never waits for a key.
The feedback says so and what to do instead (fixed values in the code).
"""
from __future__ import annotations

from ..checks.api import CheckFailed
from ..checks.trouble import error_hint
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
