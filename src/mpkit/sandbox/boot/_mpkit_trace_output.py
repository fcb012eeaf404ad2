"""The recorder's watch on output: when a process prints to stdout or
stderr (for the feedback's timeline). The bytes themselves go to the
process's own output files (_mpkit_trace_core.own_output).
Standard library only (see _mpkit_trace.py)."""
import functools
import sys

from _mpkit_trace_core import _kit_caller, emit, sealed, state

PRINTS_RECORDED = 20  # per process: enough to show when it printed, cheap for a print loop


@sealed(functools, sealed, state, PRINTS_RECORDED, sys, emit, _kit_caller, PermissionError, dict)
def patch_print():  # sealed and the kit's alone, as _mpkit_trace_processes.patch_processes
    functools, sealed, state, PRINTS_RECORDED, sys, emit, _kit, _error, dict = "\x00mpkit:sealed"
    if not _kit(1):
        raise _error("mpkit: the task's code may not patch the recorder in again")
    import builtins

    original = builtins.print

    @functools.wraps(original)
    @sealed(original, state, PRINTS_RECORDED, sys, emit, dict.get)  # not cells or globals: f27, f28
    def traced_print(*args, **kwargs):
        _original, _state, _most, _sys, _emit, _get = "\x00mpkit:sealed"
        result = _original(*args, **kwargs)
        if _state["prints"] < _most:
            target = _get(kwargs, "file")
            stream = "out" if target is None or target is _sys.stdout else "err" if target is _sys.stderr else None
            if stream:
                _state["prints"] += 1
                _emit("print", stream=stream)
        return result

    builtins.print = traced_print
