"""The recorder's watch on output: when a process prints to stdout or
stderr (for the feedback's timeline). The bytes themselves go to the
process's own output files (_mpkit_trace_core.own_output).
Standard library only (see _mpkit_trace.py)."""
import functools
import sys

from _mpkit_trace_core import emit, state

PRINTS_RECORDED = 20  # per process: enough to show when it printed, cheap for a print loop


def patch_print():
    import builtins

    original = builtins.print

    @functools.wraps(original)
    def traced_print(*args, **kwargs):
        result = original(*args, **kwargs)
        if state["prints"] < PRINTS_RECORDED:
            target = kwargs.get("file")
            stream = "out" if target is None or target is sys.stdout else "err" if target is sys.stderr else None
            if stream:
                state["prints"] += 1
                emit("print", stream=stream)
        return result

    builtins.print = traced_print
