"""How the recorder writes values: the student's results and arguments, the
watched globals, and which function a process or thread runs.
Standard library only (see _mpkit_trace.py)."""
import multiprocessing.process as _mpp
import os
import sys

from _mpkit_stdlib import LIBRARY, library_code
from _mpkit_trace_core import after_import

_ModuleType = type(sys)
_FunctionType = type(lambda: 0)
_MethodType = type((lambda: 0).__get__(0))

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


def callable_name(func, _function=_FunctionType, _method=_MethodType, _type=type, _getattr=getattr, _repr=repr,
                  _str=str, _dict_get=dict.get, _library=LIBRARY, _library_code=library_code):
    """module.qualname of a function as its code says (a function's __name__,
    __qualname__ and __module__ are the task's to write; its code is not), and
    a name of the library's own only for the library's own code."""
    if func is None:
        return None
    inner = func.__func__ if _type(func) is _method else func
    if _type(inner) is _function:
        code = inner.__code__
        qualname = _getattr(code, "co_qualname", None)  # Python 3.11+
        if qualname is None:
            qualname = inner.__qualname__ if _type(inner.__qualname__) is _str and \
                inner.__qualname__.rpartition(".")[2] == code.co_name else code.co_name
        name = f"{_dict_get(inner.__globals__, '__name__')}.{qualname}"
    else:
        module, qualname = _getattr(func, "__module__", None), _getattr(func, "__qualname__", None)
        if qualname is None:
            return _repr(func)[:200]
        name = f"{module}.{qualname}"
    if name in _library and not (_type(inner) is _function and inner.__code__ == _library_code(name)):
        name += " (not the library's)"
    return name


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


# The task's module as it was first imported (its namespace is what its
# functions change), taken by an import hook: sys.modules is the task's to replace.
_IMPORTED = []


def learn_watched_globals(_watched=_WATCHED, _imported=_IMPORTED):
    if not _watched:
        module, _, names = os.environ.get("MPKIT_WATCH_GLOBALS", "").partition(":")
        _watched.append((module, tuple(n for n in names.split(",") if n)))
        if module:
            # The first import only: a second one (after the task's code took it out of sys.modules) is a copy.
            after_import(module, lambda m: _imported or _imported.append(m))


def snapshot_globals(_watched=_WATCHED, _imported=_IMPORTED, _describe=describe, _modules=sys.modules,
                     _module_type=_ModuleType, _namespace=_ModuleType.__dict__["__dict__"].__get__,
                     _isinstance=isinstance, _all=all, _dict_type=dict):
    """The watched globals, read from the module's own namespace (not through
    getattr: a module subclass's property or __getattr__ is the task's code)."""
    module_name, names = _watched[0] if _watched else ("", ())
    if not names:
        return None
    found = {}
    for candidate in (module_name, "__mp_main__", "__main__"):
        module = _imported[0] if candidate == module_name and _imported else _modules.get(candidate)
        if not _isinstance(module, _module_type):
            continue
        namespace = _namespace(module)
        if _isinstance(namespace, _dict_type) and _all(n in namespace for n in names):
            for n in names:
                found[n] = _describe(namespace[n])
            return found
    return None


del _WATCHED, _IMPORTED
