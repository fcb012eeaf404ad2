"""How the recorder writes values: the student's results and arguments, the
watched globals, and which function a process or thread runs.
Standard library only (see _mpkit_trace.py)."""
import multiprocessing.process as _mpp
import os
import sys

# The helpers below run while the task's code is running, with values it made:
# what they use is bound when they are defined (default arguments, which the
# guard keeps the task's code from reading or replacing), never looked up in a
# module's globals or in builtins, which the task's code can replace (f26, f27).
# Their results reach the record only through the kit's callers, which hold
# them the same way (or sealed: _mpkit_trace_core.sealed).


def _picture(value, depth, me, _isinstance=isinstance, _list=list, _tuple=tuple, _dict=dict, _items=dict.items,
             _type=type, _repr=repr, _getattr=getattr, _scalars=(bool, int, float, str),
             _BaseProcess=_mpp.BaseProcess, _exitcode=_mpp.BaseProcess.exitcode.fget, _closed=ValueError):
    """describe(), handed itself (me) by each call: no list or cell of the
    module's holds it, which code the task's code runs meanwhile could find."""
    if value is None or _isinstance(value, _scalars):
        return value
    if _isinstance(value, _BaseProcess):
        try:
            # The getter multiprocessing wrote, taken at import: the kit looking is not the student waiting.
            code, pid = _exitcode(value), value.pid
        except _closed:  # closed: close() after join() forgets the pid
            code, pid = None, _getattr(value, "_mpkit_pid", None)
        return {"$process": pid, "name": value.name, "exitcode": code}
    if depth < 4 and _isinstance(value, (_list, _tuple)):
        items = [me(v, depth + 1, me) for v in _list(value)[:1000]]
        return items if _isinstance(value, _list) else {"$tuple": items}
    if depth < 4 and _isinstance(value, _dict):
        # dict.items itself: a subclass's items() would be the task's code, called with nothing of its own
        return {"$dict": [[me(k, depth + 1, me), me(v, depth + 1, me)] for k, v in _list(_items(value))[:1000]]}
    return {"$repr": _repr(value)[:500], "type": _type(value).__name__}


def describe(value, depth=0, /, _picture=_picture):
    """A JSON-able picture of a value the student's code returned."""
    return _picture(value, depth, _picture)


def callable_name(func, _getattr=getattr, _repr=repr):
    if func is None:
        return None
    module = _getattr(func, "__module__", None)
    qualname = _getattr(func, "__qualname__", None)
    if qualname is None:
        return _repr(func)[:200]
    return f"{module}.{qualname}"


def target_of(obj, base, _getattr=getattr, _type=type, _callable_name=callable_name):
    """The name of what a Process or Thread runs: its target, or its own run()."""
    target = _getattr(obj, "_target", None)
    if target is not None:
        return _callable_name(target)
    cls = _type(obj)
    if cls.run is not base.run:
        return f"{cls.__module__}.{cls.__qualname__}.run"
    return None


# Globals to watch (for example COUNTER of a task): "module:NAME,NAME", read
# from the environment once, at the recorder's install (learn_watched_globals),
# before the task's code could change the environment.
_WATCHED = []


def learn_watched_globals(_watched=_WATCHED):
    if not _watched:
        module, _, names = os.environ.get("MPKIT_WATCH_GLOBALS", "").partition(":")
        _watched.append((module, tuple(n for n in names.split(",") if n)))


def snapshot_globals(_watched=_WATCHED, _describe=describe, _modules=sys.modules, _getattr=getattr,
                     _hasattr=hasattr, _all=all):
    module_name, names = _watched[0] if _watched else ("", ())
    if not names:
        return None
    found = {}
    for candidate in (module_name, "__mp_main__", "__main__"):
        module = _modules.get(candidate)
        if module is not None and _all(_hasattr(module, n) for n in names):
            for n in names:
                found[n] = _describe(_getattr(module, n))
            return found
    return None


del _WATCHED
