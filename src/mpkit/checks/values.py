"""How a check shows a value the recorder saw, and what the function returned."""
from __future__ import annotations

from ..sandbox.record import RunRecord


def shown(value) -> str:
    """A value the recorder described, written the way Python would show it."""
    if isinstance(value, list):
        return "[" + ", ".join(map(shown, value)) + "]"
    if isinstance(value, dict):
        if "$tuple" in value:
            items = list(map(shown, value["$tuple"]))
            return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
        if "$dict" in value:
            return "{" + ", ".join(f"{shown(k)}: {shown(v)}" for k, v in value["$dict"]) + "}"
        if "$process" in value:
            return f"<Process name={value.get('name')!r} pid={value['$process']} exitcode={value.get('exitcode')}>"
        if "$repr" in value:
            return str(value["$repr"])
    return repr(value)


def returned_value(run: RunRecord):
    """The value the student's function returned (as the recorder described it)."""
    return run.first("call_end")["value"]
