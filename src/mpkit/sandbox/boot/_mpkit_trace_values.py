"""How the recorder writes values: the student's results and arguments, the
watched globals, and which function a process or thread runs.
Standard library only (see _mpkit_trace.py)."""
import os
import sys

from _mpkit_trace_core import originals


def describe(value, depth=0):
    """A JSON-able picture of a value the student's code returned."""
    import multiprocessing.process as mpp

    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, mpp.BaseProcess):
        try:
            # Not through the traced property: the kit looking is not the student waiting.
            code, pid = (originals.get("exitcode") or type(value).exitcode.fget)(value), value.pid
        except ValueError:  # closed: close() after join() forgets the pid
            code, pid = None, getattr(value, "_mpkit_pid", None)
        return {"$process": pid, "name": value.name, "exitcode": code}
    if depth < 4 and isinstance(value, (list, tuple)):
        items = [describe(v, depth + 1) for v in list(value)[:1000]]
        return items if isinstance(value, list) else {"$tuple": items}
    if depth < 4 and isinstance(value, dict):
        return {"$dict": [[describe(k, depth + 1), describe(v, depth + 1)] for k, v in list(value.items())[:1000]]}
    return {"$repr": repr(value)[:500], "type": type(value).__name__}


def callable_name(func):
    if func is None:
        return None
    module = getattr(func, "__module__", None)
    qualname = getattr(func, "__qualname__", None)
    if qualname is None:
        return repr(func)[:200]
    return f"{module}.{qualname}"


def target_of(obj, base):
    """The name of what a Process or Thread runs: its target, or its own run()."""
    target = getattr(obj, "_target", None)
    if target is not None:
        return callable_name(target)
    cls = type(obj)
    if cls.run is not base.run:
        return f"{cls.__module__}.{cls.__qualname__}.run"
    return None


# Globals to watch (for example COUNTER of a task): "module:NAME,NAME".
def _watched_globals():
    spec = os.environ.get("MPKIT_WATCH_GLOBALS", "")
    module, _, names = spec.partition(":")
    return module, [n for n in names.split(",") if n]


def snapshot_globals():
    module_name, names = _watched_globals()
    if not names:
        return None
    found = {}
    for candidate in (module_name, "__mp_main__", "__main__"):
        module = sys.modules.get(candidate)
        if module is not None and all(hasattr(module, n) for n in names):
            for n in names:
                found[n] = describe(getattr(module, n))
            return found
    return None
