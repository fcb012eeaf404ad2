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
# student's code can reach silences the recorder or hands out its descriptor.
_record = [None, None, itertools.count()]

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


def exclusive(folder, pid, suffix):
    """Open a new file named after pid (pids can be reused within a run)."""
    for n in itertools.count():
        name = f"{pid}{'' if n == 0 else '.' + str(n)}{suffix}"
        try:
            return name, _os_open(_join_path(state["run_dir"], folder, name), _FLAGS, 0o600)
        except FileExistsError:
            continue


def start_record(_rec=_record, _count=itertools.count):
    """Start a new process's record: its own state and record file."""
    pid = _getpid()
    state["pid"] = pid
    state["prints"] = 0
    state["children"], state["sent"], state["received"], state["pids_read"] = set(), set(), set(), set()
    state["worker"], state["pool_events"] = False, 0  # see _mpkit_trace_poolwork
    sentinels.clear()  # a forked child's parent's children are not its own
    old = _rec[0]
    _, fd = exclusive("rec", pid, ".jsonl")
    _rec[0], _rec[1], _rec[2] = fd, pid, _count()
    if old is not None:
        try:
            _close(old)
        except OSError:
            pass
    return pid


def own_output(pid):
    """Point stdout and stderr at files of this process's own; their names."""
    outputs = {}
    for stream, fdno in (("out", 1), ("err", 2)):
        oname, ofd = exclusive("out", pid, "." + stream)
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


def called_by_kit(_frame=_getframe, _boot=_BOOT, _str=str, _type=type):
    """Was the function that asks called by the kit's own code? For the
    recorder's functions that record what they are given (a PID sent, a pool's
    work): the task's code reaches them through sys.modules, and what they
    would record is then the task's word. (Kit code cannot be made by the
    task's code: boot/_mpkit_guard.py.)"""
    caller = _frame(2).f_code.co_filename
    return _type(caller) is _str and caller.startswith(_boot)


def emit(kind, _rec=_record, _frame=_getframe, _boot=_BOOT, _next=next, _error=PermissionError, _now=_now,
         _dumps=_dumps, _write=_write, _type=_type, _str=_str, /, **fields):
    """Append one event to this process's record (the kit's code only: the
    record is what the kit saw, not what the graded code says)."""
    caller = _frame(1).f_code.co_filename
    if _type(caller) is not _str or not caller.startswith(_boot):
        raise _error("mpkit: the task's code may not write into the kit's record of the run")
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
    except (TypeError, ValueError):
        line = _dumps({"e": kind, "pid": fields["pid"], "t": fields["t"], "n": fields["n"], "bad": True})
    try:
        _write(fd, (line + "\n").encode("utf-8", "replace"))
    except OSError:
        pass


def student_called():
    """Was the traced function (the caller of this one) called by the student's
    code, not by multiprocessing, concurrent.futures or the kit itself?"""
    name = sys._getframe(2).f_globals.get("__name__") or ""
    return not name.startswith(("multiprocessing.", "concurrent.", "_mpkit"))


class _AfterImport:
    """Calls then(module) right after the module `name` is imported."""

    def __init__(self, name, then):
        self.name, self.thens = name, [then]

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
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
        thens = self.thens

        def traced_exec(module):
            exec_module(module)
            for then in thens:
                then(module)

        loader.exec_module = traced_exec
        return spec


def after_import(name, then):
    """then(module) whenever the module `name` is imported, and at once if it
    already is (then must tolerate being called twice)."""
    if name in sys.modules:
        then(sys.modules[name])
    for finder in sys.meta_path:  # one finder a module: two would ask each other for ever
        if type(finder) is _AfterImport and finder.name == name:
            finder.thens.append(then)
            return
    sys.meta_path.insert(0, _AfterImport(name, then))
