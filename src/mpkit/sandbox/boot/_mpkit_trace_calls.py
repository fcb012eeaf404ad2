"""The recorder's watch on the student's functions a task names
(MPKIT_WATCH_CALLS="module:func,func"): each call records the process and
thread that ran it ("call": its positional arguments), and how it ended
("return": the value, or "raise": the exception's type).

Watching changes nothing the student's code can reach: the module's function
stays the very object it was (a reference taken at import, in a default
argument, a dict, a partial, a decorator or a class, is the same object; it
pickles by name under fork and spawn; its repr, __module__, __qualname__ and
signature are its own; no __wrapped__). The calls are observed instead:

- Python 3.12+: sys.monitoring, with PY_START and PY_RETURN switched on for
  the watched functions' code objects only (set_local_events), and PY_UNWIND
  (a call that ends in an exception; it cannot be set per code object) read
  for those code objects only. Nothing else the program runs is instrumented,
  and no event fires while a callback runs, so the recorder never sees its
  own frames.
- Python 3.10 and 3.11: the function's code is replaced in place (the function
  object stays, only its __code__ changes) by a trampoline with the same
  signature, file, first line and free variables, which records the call and
  runs the original code. Chosen over a profile hook filtered by code object
  (sys.setprofile, threading.setprofile), by measurement: a profile hook runs
  for every Python and C call of every watched process, watched or not
  (measured: a loop of 10**6 calls of a one-line function took 0.033 s plain
  and 0.232 s under a hook that only tests frame.f_code on 3.11, 0.063 s and
  0.329 s on 3.10), reaches only the threads started after it through
  threading, is switched off by any sys.setprofile(None), and cannot tell a
  return of None from an exception (the profile hook sees neither); the
  trampoline costs one extra frame on a watched call and nothing elsewhere.

Both ways reach every thread and, being in the interpreter's state or in the
code itself, every forked child; a spawned child imports the module again and
is watched anew (after_import).
Standard library only (see _mpkit_trace.py).
"""
import functools
import os
import sys
import threading
import types
import warnings

from _mpkit_trace_core import after_import, called_by, emit, sealed
from _mpkit_trace_values import describe

_native_id = threading.get_native_id
_getframe = sys._getframe
_FunctionType = types.FunctionType
_partial = functools.partial
_MethodType = types.MethodType
_CO_VARARGS, _CO_VARKEYWORDS = 0x04, 0x08
_MONITORING = getattr(sys, "monitoring", None)
_TOOL_NAME = "mpkit"


def watch_spec():
    module, _, names = os.environ.get("MPKIT_WATCH_CALLS", "").partition(":")
    return module, [n for n in names.split(",") if n]


def _target(obj, _isinstance=isinstance, _getattr=getattr, _type=type, _range=range, _error=Exception,
            _FunctionType=_FunctionType, _partial=_partial, _MethodType=_MethodType):
    """(function, skip) whose code runs when obj is called: obj itself for a
    function (a decorator's wrapper included: a call through the module's
    name runs it), else what a partial, a bound method, functools.wraps-style
    C wrapper (lru_cache) or a callable instance calls; skip: leading
    parameters that are not the caller's arguments (self). None if none."""
    skip = 0
    for _ in _range(8):
        if _isinstance(obj, _FunctionType):
            return obj, skip
        try:
            if _isinstance(obj, _partial):
                obj = obj.func
            elif _isinstance(obj, _MethodType):
                obj, skip = obj.__func__, skip + 1
            elif _isinstance(_getattr(obj, "__wrapped__", None), _FunctionType):
                obj = obj.__wrapped__
            elif _isinstance(_getattr(_type(obj), "__call__", None), _FunctionType):
                obj, skip = _type(obj).__call__, skip + 1
            else:
                return None
        except _error:  # an odd object's attribute: nothing to watch
            return None
    return None


def _params(code):
    """Names of the parameters: positional, keyword-only, *args, **kwargs."""
    names = code.co_varnames
    npos, nkw = code.co_argcount, code.co_kwonlyargcount
    varargs = names[npos + nkw] if code.co_flags & _CO_VARARGS else None
    varkw = names[npos + nkw + (1 if varargs else 0)] if code.co_flags & _CO_VARKEYWORDS else None
    return names[:npos], names[npos:npos + nkw], varargs, varkw


# --- Python 3.12+: sys.monitoring ------------------------------------------

_watched = {}  # code object -> [(name, function, skip)]
_active = {}  # id(frame) -> (frame, name) of the watched calls running
_tool = []  # the tool id, once claimed


# The helpers below are bound when they are defined; the callbacks that record
# are sealed (_mpkit_trace_core.sealed): the task's code can replace this
# module's globals, and could call a callback itself with defaults of its own.
def _positional(frame, code, skip, _params=_params, _list=list):
    """What the caller passed positionally, as the frame holds it at its start:
    the positional parameters, then *args."""
    local = frame.f_locals
    pos, _, varargs, _ = _params(code)
    args = [local[n] for n in pos if n in local]
    if varargs and varargs in local:
        args += _list(local[varargs])
    return args[skip:]


def _which(entries, frame, _all=all, _zip=zip, _empty=ValueError):
    """The watched entry this frame runs: functions may share one code object
    (a decorator's wrapper, for each function it decorates); the closure
    tells them apart."""
    for name, func, skip in entries:
        cells = func.__closure__
        if not cells:
            return name, skip
        local = frame.f_locals
        try:
            if _all(n in local and local[n] is c.cell_contents for n, c in _zip(func.__code__.co_freevars, cells)):
                return name, skip
        except _empty:  # an empty cell
            continue
    return None, 0


@sealed(_watched, _active, _getframe, _which, _positional, emit, describe, _native_id, id, Exception)
def _on_start(code, offset):
    _watched, _active, _getframe, _which, _positional, _emit, _describe, _native_id, _id, _error = \
        "\x00mpkit:sealed"
    entries = _watched.get(code)
    if not entries:
        return
    try:
        frame = _getframe(1)
        name, skip = _which(entries, frame)
        if name is None:
            return
        _active[_id(frame)] = (frame, name)
        _emit("call", fn=name, args=_describe(_positional(frame, code, skip)), thread=_native_id())
    except _error:  # the recorder never breaks the student's call
        pass


def _ended(code, _watched=_watched, _active=_active, _getframe=_getframe, _id=id):
    if code not in _watched:
        return None
    frame = _getframe(2)
    entry = _active.pop(_id(frame), None)
    return entry[1] if entry is not None and entry[0] is frame else None


@sealed(_ended, emit, describe, Exception)
def _on_return(code, offset, value):
    _ended, _emit, _describe, _error = "\x00mpkit:sealed"
    try:
        name = _ended(code)
        if name is not None:
            _emit("return", fn=name, value=_describe(value))
    except _error:
        pass


@sealed(_ended, emit, type, Exception)
def _on_unwind(code, offset, exc):
    _ended, _emit, _type, _error = "\x00mpkit:sealed"
    try:
        name = _ended(code)
        if name is not None:
            _emit("raise", fn=name, error=_type(exc).__name__)
    except _error:
        pass


def _claim_tool(_tool=_tool, _on_start=_on_start, _on_return=_on_return, _on_unwind=_on_unwind):
    if _tool:
        return _tool[0]
    mon = _MONITORING
    for tool in (4, 3, 0, 1, 2, 5):  # 0-2 and 5 are by convention debuggers, coverage, profilers, optimizers
        try:
            mon.use_tool_id(tool, _TOOL_NAME)
        except ValueError:
            continue
        events = mon.events
        mon.register_callback(tool, events.PY_START, _on_start)
        mon.register_callback(tool, events.PY_RETURN, _on_return)
        mon.register_callback(tool, events.PY_UNWIND, _on_unwind)
        mon.set_events(tool, events.PY_UNWIND)
        _tool.append(tool)
        return tool
    return None


@sealed(called_by, _watched, _claim_tool, _MONITORING, emit, any)
def _monitor(func, name, skip):
    _called_by, _watched, _claim_tool, _monitoring, _emit, _any = "\x00mpkit:sealed"
    if not _called_by(("watch_functions",)):  # the task's code naming a function of its own
        return
    entries = _watched.setdefault(func.__code__, [])
    if _any(f is func for _, f, _ in entries):
        return
    tool = _claim_tool()
    if tool is None:
        _emit("recorder_skipped", patch="watch_calls", error="no free sys.monitoring tool id")
        return
    entries.append((name, func, skip))
    events = _monitoring.events
    _monitoring.set_local_events(tool, func.__code__, events.PY_START | events.PY_RETURN)


# --- Python 3.10, 3.11: the function's code replaced in place ---------------

_trampolines = {}  # trampoline code -> original code
_RUN = "\x00mpkit:run"  # placeholder constant, replaced by the recorder's runner


def _runner(name, inner, skip):
    # name, inner and skip sealed: closure cells can be rewritten, and `run`,
    # a constant of the trampoline's code, could be called with defaults of one's own.
    @sealed(name, inner, skip, emit, describe, _native_id, list, type, BaseException)
    def run(args, kwargs):
        _name, _inner, _skip, _emit, _describe, _native_id, _list, _type, _any = "\x00mpkit:sealed"
        _emit("call", fn=_name, args=_describe(_list(args[_skip:])), thread=_native_id())
        try:
            result = _inner(*args, **kwargs)
        except _any as exc:
            _emit("raise", fn=_name, error=_type(exc).__name__)
            raise
        _emit("return", fn=_name, value=_describe(result))
        return result

    return run


def _trampoline(code, run):
    """A code object with code's signature and free variables whose body is
    `return run((positional..., *args), {keyword-only..., **kwargs})`, on the
    function's own first line of its own file (so inspect and tracebacks
    point at the student's def)."""
    pos, kwonly, varargs, varkw = _params(code)
    posonly = code.co_posonlyargcount
    sig = list(pos[:posonly]) + (["/"] if posonly else []) + list(pos[posonly:])
    sig += [f"*{varargs}"] if varargs else (["*"] if kwonly else [])
    sig += list(kwonly) + ([f"**{varkw}"] if varkw else [])
    parts = list(pos) + ([f"*{varargs}"] if varargs else [])
    args = "(" + ", ".join(parts) + ",)" if parts else "()"
    kwargs = "{" + "".join(f"{n!r}: {n}, " for n in kwonly) + (f"**{varkw}" if varkw else "") + "}"
    free = code.co_freevars
    # The free variables are declared in an outer function and touched in the
    # trampoline, so it has as many as the function (the __code__ setter checks).
    source = ("def outer():\n"
              + (f" {' = '.join(free)} = None\n" if free else "")
              + f" def f({', '.join(sig)}): "
              + (f"({', '.join(free)},); " if free else "")
              + f"return {_RUN!r}({args}, {kwargs})\n"
              + " return f\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "'str' object is not callable": the placeholder
        outer = compile(source, code.co_filename, "exec").co_consts
    inner = next(c for c in outer if isinstance(c, types.CodeType))
    made = next(c for c in inner.co_consts if isinstance(c, types.CodeType))
    consts = tuple(run if isinstance(c, str) and c == _RUN else c for c in made.co_consts)
    fields = {"co_consts": consts, "co_firstlineno": code.co_firstlineno, "co_name": code.co_name}
    if hasattr(code, "co_qualname"):
        fields["co_qualname"] = code.co_qualname
    return made.replace(**fields)


@sealed(called_by, _trampolines, _FunctionType, _trampoline, _runner)
def _instrument(func, name, skip):
    _called_by, _trampolines, _function, _trampoline, _runner = "\x00mpkit:sealed"
    if not _called_by(("watch_functions",)):  # the task's code naming a function of its own
        return
    code = func.__code__
    if code in _trampolines:
        return
    inner = _function(code, func.__globals__, func.__name__, None, func.__closure__)
    inner.__qualname__ = func.__qualname__
    made = _trampoline(code, _runner(name, inner, skip))
    _trampolines[made] = code
    func.__code__ = made


@sealed(_target, _monitor if _MONITORING is not None else _instrument, emit, repr, Exception, dict.get)
def watch_functions(module, names):
    """Watch the calls of module's functions `names`, leaving them as they are."""
    _target, _watch, _emit, _repr, _error, _get = "\x00mpkit:sealed"
    for name in names:
        found = _target(_get(module.__dict__, name))
        if found is None:
            continue
        func, skip = found
        try:
            _watch(func, name, skip)
        except _error as exc:  # an odd function: the run goes on unwatched
            _emit("recorder_skipped", patch="watch_calls", error=_repr(exc)[:300])


def install():
    module, names = watch_spec()
    if module and names:
        after_import(module, lambda m, _names=tuple(names), _watch=watch_functions: _watch(m, _names))
