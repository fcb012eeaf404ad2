"""The recorder's core: this process's record file, emit(), and the state
the watches share (see _mpkit_trace.py for the whole recorder).

Standard library only. It keeps its own references to the functions it
relies on (os.getpid, the C parts of the JSON encoder, ...), so a submission
that monkeypatches them cannot change what is recorded. Nothing is read from the environment
at import: the launcher imports the recorder before it forks any run.
"""
import itertools
import os
import sys
import time
import types
import weakref

_getpid = os.getpid
_write = os.write
_os_open = os.open
_dup2 = os.dup2
_close = os.close
_now = time.monotonic_ns
try:
    # json.dumps looks up json.JSONEncoder (and json.encoder's helpers) in the
    # json modules at every call, where the graded code can replace them: emit()
    # builds its encoder from the C parts, taken now.
    from _json import encode_basestring_ascii as _quote, make_encoder as _make_encoder

    _plain_encode = None  # the json package itself is not needed (it costs every process 1.5 ms)
except ImportError:  # a Python built without the C accelerator
    import json

    _quote = _make_encoder = None
    _plain_encode = json.JSONEncoder(default=repr).encode
_join = "".join
_join_path = os.path.join
_getframe = sys._getframe
_BOOT = os.path.dirname(os.path.realpath(__file__)).rstrip(os.sep) + os.sep
_str = str
_type = type
# This process's record: [descriptor, pid, sequence]. Only emit() and
# start_record() hold it (as a default argument, which the guard keeps student
# code from reading: boot/_mpkit_guard.py), so that no module state the
# student's code can reach silences the recorder or hands out its descriptor
# (the module's name for it is deleted below: f31).
_record = [None, None, itertools.count()]
# The run's folder, set once at install (set_run_dir): the records are opened
# there, whatever the task's code puts in `state`.
_RUN_DIR = []

# The task's code can replace a module's globals (through sys.modules or any
# function's __globals__), rewrite closure cells (cell_contents raises no audit
# event) and call the kit's functions with arguments of its own, defaults
# included. A function that records finds the helpers it records with in its
# own code's constants instead: `@sealed(a, b)` over a function whose body
# says `_a, _b = SEALED_HERE` (the literal below) gives it the tuple (a, b)
# there. A code object cannot be changed, and the guard refuses a new __code__.
SEALED_HERE = "\x00mpkit:sealed"


def sealed(*helpers):
    """The function, its code's constant SEALED_HERE replaced by `helpers` (for
    the kit's own functions: sealed itself is sealed, below)."""
    _getframe, _boot, _FunctionType, _tuple, _type, _str, _error, _mark, _makers = "\x00mpkit:sealed"
    caller = _getframe(1).f_code
    if _type(caller.co_filename) is not _str or not caller.co_filename.startswith(_boot) or \
            caller.co_name not in _makers:
        raise _error("mpkit: the task's code may not make functions of the kit's")
    del caller

    def seal(func):
        code = func.__code__
        consts = _tuple(helpers if _type(c) is _str and c == _mark else c for c in code.co_consts)
        if consts == code.co_consts:
            raise ValueError(f"{func.__qualname__} asks for no sealed helpers")
        made = _FunctionType(code.replace(co_consts=consts), func.__globals__, func.__name__, func.__defaults__,
                             func.__closure__)
        made.__kwdefaults__, made.__qualname__, made.__doc__ = func.__kwdefaults__, func.__qualname__, func.__doc__
        return made

    return seal


sealed = types.FunctionType(sealed.__code__.replace(co_consts=tuple(
    (_getframe, _BOOT, types.FunctionType, tuple, type, str, PermissionError, SEALED_HERE,
     # the kit's code that seals: modules as they are imported, and the patches
     ("<module>", "_safely", "_runner", "patch_print", "make", "patch_processes", "patch_threads"))
    if type(c) is str and c == SEALED_HERE else c for c in sealed.__code__.co_consts)), globals(), "sealed")

# run_dir: the run's record folder, set by install(). pid: this process's. children: pids of the
# processes this one started; sent, received: the PIDs recorded as passed
# between processes (see _mpkit_trace_messages); pids_read: those of its
# children the student's code read off their Process objects.
state = {"run_dir": "", "pid": None, "prints": 0, "children": set(),
         "sent": set(), "received": set(), "pids_read": set()}
# sentinel -> Process, for the children this process started (weak: holding a
# Process would keep its file descriptors open)
sentinels = weakref.WeakValueDictionary()
# Functions as multiprocessing wrote them, for the kit's own looks (the kit
# looking is not the student waiting): "exitcode" -> BaseProcess.exitcode's getter.
originals = {}

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)


def set_run_dir(run_dir, _dir=_RUN_DIR, _str=str):
    if not _dir:
        _dir.append(_str(run_dir))
        state["run_dir"] = _dir[0]


def _kit_caller(depth, _frame=_getframe, _boot=_BOOT, _type=_type, _str=_str, _shallow=ValueError):
    """Is the caller `depth` frames up code of the kit's boot files?"""
    try:
        name = _frame(depth + 1).f_code.co_filename
    except _shallow:  # no Python code asks: the interpreter itself
        return False
    return _type(name) is _str and name.startswith(_boot)


def called_by(names, _frame=_getframe, _boot=_BOOT, _type=_type, _str=_str):
    """Is the caller of the function that calls this one of the kit's functions
    `names`? (Not the task's code, nor a kit function that calls something of
    the task's, e.g. a __repr__ that is a partial of the function.)"""
    code = _frame(2).f_code
    name = code.co_filename
    return _type(name) is _str and name.startswith(_boot) and code.co_name in names


def fresh_state(_state=state, _sentinels=sentinels, _getpid=_getpid, _set=set):
    """A new process's own state (a forked child's parent's children are not its own)."""
    _state["pid"] = _getpid()
    _state["prints"] = 0
    _state["children"], _state["sent"], _state["received"], _state["pids_read"] = _set(), _set(), _set(), _set()
    _state["worker"], _state["pool_events"] = False, 0  # see _mpkit_trace_poolwork
    _sentinels.clear()


@sealed(called_by, _RUN_DIR, _os_open, _FLAGS, _join, os.sep, str, FileExistsError, itertools.count, PermissionError)
def exclusive(folder, pid, suffix):
    """Open a new file named after pid (pids can be reused within a run), for the kit alone."""
    _called_by, _dir, _open, _flags, _join, _sep, _str, _exists, _count, _error = "\x00mpkit:sealed"
    # Its callers by name, not any frame of the kit's: some call what the task's code gives them.
    if not _called_by(("start_record", "own_output")):
        raise _error("mpkit: the task's code may not open the kit's record files")
    for n in _count():
        # Strings joined, no library code (os.path.join): start_record's frame holds the record.
        name = _join((_str(pid), "" if n == 0 else "." + _str(n), suffix))
        try:
            return name, _open(_join((_dir[0], _sep, folder, _sep, name)), _flags, 0o600)
        except _exists:
            continue


@sealed(called_by, exclusive, _getpid, _close, itertools.count, OSError, PermissionError)
def start_record(_rec=_record):
    """Start a new process's record file (the kit alone: _mpkit_trace._born)."""
    _called_by, _exclusive, _getpid, _close, _count, _oserror, _error = "\x00mpkit:sealed"
    if not _called_by(("_born",)):
        raise _error("mpkit: the task's code may not start a record")
    pid = _getpid()
    old = _rec[0]
    _, fd = _exclusive("rec", pid, ".jsonl")
    _rec[0], _rec[1], _rec[2] = fd, pid, _count()
    if old is not None:
        try:
            _close(old)
        except _oserror:
            pass
    return pid


@sealed(called_by, exclusive, _dup2, _close, PermissionError)
def own_output(pid):
    """Point stdout and stderr at files of this process's own; their names."""
    _called_by, _exclusive, _dup2, _close, _error = "\x00mpkit:sealed"
    if not _called_by(("_born",)):
        raise _error("mpkit: the task's code may not move the process's output")
    outputs = {}
    for stream, fdno in (("out", 1), ("err", 2)):
        oname, ofd = _exclusive("out", pid, "." + stream)
        # The file is inheritable through dup2; the original O_CLOEXEC fd is closed.
        _dup2(ofd, fdno)
        _close(ofd)
        outputs[stream] = oname
    return outputs


def _dumps(obj, _make=_make_encoder, _quote=_quote, _join=_join, _repr=repr, _plain=_plain_encode):
    """obj as one line of JSON; values JSON has no form for become their repr."""
    if _make is None:
        return _plain(obj)
    # A new marker dict each time: it finds circular values, and an error
    # half-way must not leave marks behind for the next line.
    return _join(_make({}, _repr, _quote, None, ": ", ", ", False, False, True)(obj, 0))


def written_in(value, code, _type=type, _tuple=tuple):
    """Is the string value a constant of code, alone or in a tuple of them (a
    call with **kwargs takes its positional arguments as one constant tuple)?"""
    for const in code.co_consts:
        if const == value if _type(const) is _str else (_type(const) is _tuple and value in const):
            return True
    return False


def emit(kind, _rec=_record, _frame=_getframe, _boot=_BOOT, _next=next, _error=PermissionError, _now=_now,
         _dumps=_dumps, _write=_write, _type=_type, _str=_str, _bad=(TypeError, ValueError), _oserror=OSError,
         _written_in=written_in, /, **fields):
    """Append one event to this process's record (the kit's code only: the
    record is what the kit saw, not what the graded code says)."""
    code = _frame(1).f_code
    caller = code.co_filename
    if _type(caller) is not _str or not caller.startswith(_boot):
        raise _error("mpkit: the task's code may not write into the kit's record of the run")
    # The kind is written in the caller's own code: a kit function that calls
    # something of the task's (a partial(emit, ...) put where a helper was, a
    # file whose write is one) cannot be made to write other kinds of events.
    if _type(kind) is not _str or not _written_in(kind, code):
        raise _error("mpkit: the task's code may not write into the kit's record of the run")
    del code
    fd = _rec[0]
    if fd is None:
        return
    fields["e"] = kind
    fields["pid"] = _rec[1]
    fields["t"] = _now()
    fields["n"] = _next(_rec[2])
    # json.dumps may call the student's code (a __repr__, a mapping's items()),
    # which could find this frame: the record itself is no longer in it.
    del _rec
    try:
        line = _dumps(fields)
    except _bad:
        line = _dumps({"e": kind, "pid": fields["pid"], "t": fields["t"], "n": fields["n"], "bad": True})
    try:
        _write(fd, (line + "\n").encode("utf-8", "replace"))
    except _oserror:
        pass


del _record, _RUN_DIR  # held by the functions above alone


def student_called(_getframe=_getframe, _type=_type, _str=_str, _get=dict.get, _startswith=str.startswith):
    """Was the traced function (the caller of this one) called by the student's
    code, not by multiprocessing, concurrent.futures or the kit itself?"""
    name = _get(_getframe(2).f_globals, "__name__")
    name = name if _type(name) is _str else ""
    return not _startswith(name, ("multiprocessing.", "concurrent.", "_mpkit"))


class _AfterImport:
    """Calls then(module) right after the module `name` is imported."""

    def __init__(self, name, then):
        self.name, self.then = name, then

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name:
            return None
        # Every hook of this module is run by the first one: two that each asked
        # the other for the module's spec would ask for ever.
        hooks = [f for f in sys.meta_path if type(f) is _AfterImport and f.name == fullname]
        if hooks[0] is not self:
            return None
        for finder in sys.meta_path:
            if (type(finder) is _AfterImport and finder.name == fullname) or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        exec_module = getattr(loader, "exec_module", None)
        if exec_module is None:
            return spec
        thens = tuple(hook.then for hook in hooks)

        def traced_exec(module, _exec_module=exec_module, _thens=thens):  # not cells: those can be rewritten
            _exec_module(module)
            for then in _thens:
                then(module)

        loader.exec_module = traced_exec
        return spec


@sealed(called_by, PermissionError, sys.modules, sys.meta_path, _AfterImport)
def after_import(name, then):
    """then(module) whenever the module `name` is imported, and at once if it
    already is (then must tolerate being called twice). The kit's alone: it
    calls what it is given with a module of the name it is given."""
    _called_by, _error, _modules, _meta_path, _after = "\x00mpkit:sealed"
    # _mpkit_trace's install (through _safely), _mpkit_trace_calls's, the watched globals' module
    if not _called_by(("install", "apply", "learn_watched_globals")):
        raise _error("mpkit: the task's code may not hook the kit's imports")
    if name in _modules:
        then(_modules[name])
    _meta_path.insert(0, _after(name, then))
