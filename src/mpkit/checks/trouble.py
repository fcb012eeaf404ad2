"""What went wrong in a run, in words a student understands.

A child's last error line, a signal's name, the error a traceback ends
with, and the hint that goes with it. `engine/task_runs.py` uses these
when a run cannot be judged; graders use `child_trouble` and `last_error`
(through `mpkit.grading`).
"""
from __future__ import annotations

import re

from ..sandbox.record import RunRecord
from ..sandbox.spec import Limits


def signal_name(number: int) -> str:
    import signal

    try:
        return f"{number} ({signal.Signals(number).name})"
    except ValueError:
        return str(number)


def megabytes(nbytes: int) -> str:
    return f"{nbytes / 1024**2:g} MB"


def output_excerpt(record: RunRecord, keep: int = 60) -> str:
    """The start of the biggest output of the run."""
    outputs = [o for p in record.procs.values() for o in (p.out, p.err)]
    biggest = max(outputs, key=lambda o: o.size, default=None)
    text = biggest.text if biggest else ""
    return text[:keep] + ("..." if len(text) > keep else "")


def child_trouble(record: RunRecord) -> str:
    """'process 12 (f) exited with code 1: MemoryError' for each child that
    failed, with the error it wrote ('' when none did)."""
    notes = []
    for p in record.failed_children():
        error = last_error(p.err.text)
        notes.append(f"{p.label()} exited with code {p.end_code}" + (f": {error}" if error else ""))
    return "; ".join(notes)


def meanwhile(record: RunRecord) -> str:
    trouble = child_trouble(record)
    return f"; meanwhile {trouble}" if trouble else ""


_ERROR_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Warning)\b:?")


def last_error(stderr: str, limit: int = 300) -> str:
    """The last exception a traceback shows ("RuntimeError: ..."), with the
    lines of its message, in one line; else the last line written."""
    lines = stderr.strip().splitlines()
    for i in range(len(lines) - 1, -1, -1):
        if _ERROR_LINE.match(lines[i]):
            return " ".join(" ".join(line.split()) for line in lines[i:] if line.strip())[:limit]
    return lines[-1].strip()[:limit] if lines else ""


def seconds(value: float) -> str:
    return f"{value:g} s"


_PLACE = re.compile(r"\s*\([^()]*\bline \d+\)$")


def without_place(message: str) -> str:
    """A SyntaxError's message without the "(file, line N)" Python ends it with."""
    return _PLACE.sub("", message)


def error_text(info: dict, file: str) -> str:
    where = f" (line {info['line']} of {file})" if info.get("line") else ""
    message = info.get("message") or ""
    message = without_place(message) if where else message
    return f"{info['type']}: {message}{where}" if message else f"{info['type']}{where}"


def error_hint(info: dict, file: str) -> str:
    kind, message = info.get("type", ""), info.get("message") or ""
    if kind in ("SyntaxError", "IndentationError", "TabError"):
        return f"Fix the syntax; `python {file}` shows the line with the mistake."
    if "bootstrapping phase" in message:
        return 'Start processes only under `if __name__ == "__main__":` or inside functions.'
    if re.search(r"pickle|Can't get attribute|lambda", message):
        return ("Under the spawn start method the target is pickled: use a function defined at the top "
                "level of the module, not a lambda or a nested function.")
    if kind == "MemoryError":
        return (f"Each process may use at most {Limits().address_space / 1024**3:g} GB of memory here: "
                "build smaller data, or process it piece by piece.")
    if "Too many open files" in message:
        return (f"Each process may have at most {Limits().open_files} files open here: close every file "
                "you open (use `with open(...) as f:`).")
    if kind == "SystemExit":
        return "Do not call sys.exit() in the task's file: return from the function instead."
    return f"Read the traceback by running your code: `python {file}`."
