"""The recorder's watch on the student's functions a task names
(MPKIT_WATCH_CALLS="module:func,func"): each call records the process and
thread that ran it, its arguments and its result.
Standard library only (see _mpkit_trace.py)."""
import functools
import os
import threading

from _mpkit_trace_core import after_import, emit
from _mpkit_trace_values import describe


def watch_spec():
    module, _, names = os.environ.get("MPKIT_WATCH_CALLS", "").partition(":")
    return module, [n for n in names.split(",") if n]


def wrap_functions(module, names):

    for name in names:
        func = getattr(module, name, None)
        if not callable(func) or getattr(func, "__mpkit_watched__", False):
            continue

        def make(func=func, name=name):
            @functools.wraps(func)
            def watched(*args, **kwargs):
                emit("call", fn=name, args=describe(list(args)), thread=threading.get_native_id())
                try:
                    result = func(*args, **kwargs)
                except BaseException as exc:
                    emit("raise", fn=name, error=type(exc).__name__)
                    raise
                emit("return", fn=name, value=describe(result))
                return result

            watched.__mpkit_watched__ = True
            return watched

        setattr(module, name, make())


def install():
    module, names = watch_spec()
    if module and names:
        after_import(module, lambda m: wrap_functions(m, names))
