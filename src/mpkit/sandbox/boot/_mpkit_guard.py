"""What student code may not do, enforced inside every process of a run.

An audit hook (sys.addaudithook, which Python code cannot remove) refuses:
- reading or listing the grader's hidden folders (graders, solutions, answer key);
- writing, deleting or renaming anything in the kit, the submission, the kit's
  own package or the run's record (the run's work folder and the system's temp
  folder stay writable);
- signalling a process outside the run (the grader, other users' programs,
  `kill -1`);
- running other programs (subprocess, os.system, os.exec*), which could shed the run's marks;
- starting more than MPKIT_MAX_PROCS processes in one run (a fork bomb; root has no RLIMIT_NPROC);
- the doors into the kit's own state (issue 11, part 5): gc.get_objects /
  get_referrers / get_referents, ctypes' ways into the C library and into raw
  memory (dlsym, from_address, string_at; dlopen of anything but the running
  program), /proc (memory; others' state), sys._current_frames, settrace /
  monitoring callbacks (they see the kit's frames), a function's __code__
  being replaced, the kit's functions' __code__ (its constants hold the
  recorder's sealed lists) and __defaults__ being read or replaced,
  and code compiled or made under the kit's own file names.

No state of the guard can be flipped from Python: the hook keeps everything it
decides by in its own default arguments (immutable tuples and strings, and the
functions it calls, captured at install), reads no module global and no
builtin at call time, and is referenced only by the interpreter's list of
audit hooks (gc's doors to it are refused). The kit's own work (the recorder
writing its record, the harness's boot through ctypes) is told apart by the
code that asks: a frame whose code comes from one of the kit's boot files,
which student code cannot make (compile() and code objects under those names
are refused). It may then write in the run's own folder, nothing more.

A refusal is an exception in the student's code (PermissionError, or OSError
EAGAIN for a fork, as the OS itself would give), with a message that says why.
Where the kernel layer (Landlock) is missing this is the only layer for files
and signals; what it cannot stop is said in the README's "Safety" section.
"""
import errno
import os
import stat
import sys
import types

from _mpkit_guard_paths import folder_rules, library_dir, real_path_function

LIMIT_MARK = "limit-"  # run_dir/out/limit-<name>: the runner stops the run
BOOT_DIR = os.path.dirname(os.path.realpath(__file__))
_installed = [False]  # a second install() would only add a second hook: it can refuse more, never less


def processes_started(run_dir):
    """Processes the run has started so far: each has a record file."""
    try:
        return sum(1 for name in os.listdir(os.path.join(run_dir, "rec")) if name.endswith(".jsonl"))
    except OSError:
        return 0


def max_processes():
    return int(os.environ.get("MPKIT_MAX_PROCS") or 0) or 1 << 30


def mark_limit(name, run_dir=None):
    """Tell the runner a limit was hit; it stops the whole run."""
    run_dir = run_dir or os.environ.get("MPKIT_RUN_DIR", "")
    try:
        os.close(os.open(os.path.join(run_dir, "out", LIMIT_MARK + name), os.O_WRONLY | os.O_CREAT, 0o600))
    except OSError:
        pass


# Events on paths: which arguments are read from and which are changed.
_PATH_EVENTS = {
    "os.remove": ((), (0,)), "os.rmdir": ((), (0,)), "os.mkdir": ((), (0,)), "os.chmod": ((), (0,)),
    "os.chown": ((), (0,)), "os.utime": ((), (0,)), "os.truncate": ((), (0,)), "os.chflags": ((), (0,)),
    "os.setxattr": ((), (0,)), "os.removexattr": ((), (0,)), "shutil.rmtree": ((), (0,)),
    "os.rename": ((), (0, 1)), "shutil.move": ((), (0, 1)),
    # A hard link to a file is a way to write it (and to read it): its source counts as changed.
    "os.link": ((), (0, 1)), "os.symlink": ((), (1,)),
    "shutil.copyfile": ((0,), (1,)), "shutil.copytree": ((0,), (1,)),
}
# Where each event names a dir_fd that relative paths start from: {event: {path arg: dir_fd arg}}.
# ("open" names none: os.open(name, dir_fd=...) is resolved against the working
# folder, so the task's code may hold no folder descriptor that leads elsewhere.)
_DIR_FD_ARGS = {
    "os.remove": {0: 1}, "os.rmdir": {0: 1}, "os.mkdir": {0: 2}, "os.chmod": {0: 2}, "os.chown": {0: 3},
    "os.utime": {0: 3}, "os.rename": {0: 2, 1: 3}, "os.link": {0: 2, 1: 3}, "os.symlink": {1: 2},
}
_READ_EVENTS = ("os.listdir", "os.scandir")
_PROGRAM_EVENTS = ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "pty.spawn",
                   "os.startfile")
# Doors into the kit's state in this process: refused unless the kit asks.
_STATE_EVENTS = {
    "gc.get_objects": "look through every object (gc.get_objects)",
    "gc.get_referrers": "look for what refers to an object (gc.get_referrers)",
    "gc.get_referents": "look into an object's references (gc.get_referents)",
    "sys._current_frames": "look at the frames of other threads (sys._current_frames)",
    "sys.settrace": "trace the program's frames (sys.settrace)",
    "sys.setprofile": "profile the program's frames (sys.setprofile)",
    "sys.monitoring.register_callback": "watch the program's code (sys.monitoring)",
}
_CTYPES_EVENTS = {
    "ctypes.dlsym": "call functions of the C library (ctypes)",
    "ctypes.dlsym/handle": "call functions of the C library (ctypes)",
    "ctypes.dlopen": "load a C library (ctypes)",
    "ctypes.cdata": "read or write memory at an address (ctypes from_address)",
    "ctypes.string_at": "read memory at an address (ctypes.string_at)",
    "ctypes.wstring_at": "read memory at an address (ctypes.wstring_at)",
}
_ATTR_EVENTS = ("object.__getattr__", "object.__setattr__", "object.__delattr__")
_CODE_EVENTS = ("compile", "code.__new__")
# Kit code run with what the task's code chose (a new function of the kit's
# code object with defaults, globals or a closure of its own; the code run by
# exec; code loaded by marshal under a kit file's name) would pass every test
# the kit makes of "is this the kit asking?": refused to the task's code.
_KIT_CODE_EVENTS = ("function.__new__", "exec", "marshal.loads", "marshal.load")


def _make_hook(run_dir, hidden, readonly, writable, pids, groups, max_procs, token_entry, allow_ctypes):
    """The audit hook, with everything it needs bound as default arguments."""
    real = real_path_function(os.lstat, os.readlink, os.getcwd, stat.S_ISLNK, os.sep, str.__add__,
                               bytes.__add__, os.fsdecode, os.fspath, os.path.realpath, os.name == "posix", str,
                               bytes, int, type, bool, isinstance)
    sep = os.sep
    boot = BOOT_DIR.rstrip(sep) + sep
    ctypes_dir = os.path.dirname(os.__file__).rstrip(sep) + sep + "ctypes" + sep
    importlib_names = ("<frozen importlib", os.path.dirname(os.__file__).rstrip(sep) + sep + "importlib" + sep)
    mp_dir = os.path.dirname(os.__file__).rstrip(sep) + sep + "multiprocessing" + sep
    real_roots = tuple(r for r in (real(p) for p in hidden) if r)
    readonly = tuple(r for r in (real(p) for p in readonly + (run_dir,)) if r)
    writable = tuple(r for r in (real(p) for p in writable) if r)
    run_real = real(run_dir) or run_dir

    def under(path, roots, _sep=sep):
        for r in roots:
            if path == r or path.startswith(r.rstrip(_sep) + _sep):
                return True
        return False

    def deny(message, code=errno.EACCES, _error=PermissionError):
        raise _error(code, "mpkit: " + message)

    def kit_frame(skip=(), depth=2, _getframe=sys._getframe, _boot=boot, _str=str, _type=type):
        """Is the code that raised the event the kit's? (skip: library folders
        whose frames stand between, e.g. ctypes' own Python code; depth: 2
        when called by the hook, 3 by a check the hook called)"""
        try:
            frame = _getframe(depth)
        except ValueError:  # no Python code asks: the interpreter itself (running the harness file)
            return True
        while frame is not None:
            name = frame.f_code.co_filename
            if _type(name) is not _str:
                return False
            if not skip or not name.startswith(skip):
                return name.startswith(_boot)
            frame = frame.f_back
        return False

    def environ_has_token(pid, _open=os.open, _read=os.read, _close=os.close, _flags=os.O_RDONLY,
                          _entry=token_entry):
        """True/False when the process's environment could be read, else None."""
        try:
            fd = _open(f"/proc/{pid}/environ", _flags)
        except OSError:
            return None
        try:
            data = b""
            while True:
                chunk = _read(fd, 65536)
                if not chunk:
                    break
                data += chunk
        except OSError:
            return None
        finally:
            _close(fd)
        if not data:  # a zombie or a kernel thread: nothing to protect
            return None
        return _entry in data

    def fd_path(fd, _readlink=os.readlink, _posix=os.name == "posix"):
        if not _posix:
            return None
        try:
            return _readlink(f"/proc/self/fd/{fd}")
        except OSError:
            return None

    def check_read(path, _real=real, _hidden=real_roots, _under=under, _deny=deny, _fd_path=fd_path, _int=int,
                   _type=type, _getpid=os.getpid, _kit_frame=kit_frame, _skip=library_dir("psutil", sep),
                   _plain=lambda path, _absolute=os.path.abspath, _text=os.fsdecode: _text(_absolute(path))):
        if _type(path) is _int:  # os.listdir(fd), os.scandir(fd): where the descriptor points
            path = _fd_path(path)
        p = _real(path)
        if p and _under(p, _hidden):
            _deny(f"the task's code may not read the grader's files ({p})")
        for q in (p, _plain(path) if path is not None else None):  # as given too: /proc/PID/fd/N resolves away
            if q and q.startswith("/proc/"):
                if q.endswith("/mem"):
                    _deny("the task's code may not open a process's memory (/proc/.../mem)")
                # A child's state tells its end without a wait call (tamper/f45); psutil is the harness's.
                head = q[6:].split("/", 1)[0]
                if head.isdigit() and _int(head) != _getpid() and not _kit_frame(_skip, 3):
                    _deny(f"the task's code may not read another process's state ({q})")

    def check_write(path, truncate=False, _real=real, _hidden=real_roots, _readonly=readonly, _writable=writable,
                    _run=run_real,
                    _under=under, _deny=deny, _kit_frame=kit_frame, _fd_path=fd_path, _int=int, _type=type):
        if _type(path) is _int:  # a descriptor: os.truncate of the record's, say
            path = _fd_path(path) if truncate else None
            if path is None or not path.startswith("/"):  # a pipe, a socket
                return
        p = _real(path)
        if p is None or _under(p, _writable):
            return
        if p.startswith("/proc/") and p.endswith("/mem"):
            _deny("the task's code may not open a process's memory (/proc/.../mem)")
        if _under(p, _hidden) or _under(p, _readonly):
            if _under(p, (_run,)) and not _under(p, _hidden) and _kit_frame((), 3):
                return  # the recorder writing its record
            _deny(f"the task's code may not change the grader's or the submission's files ({p})")

    at_dir, climbs, check_folder_open, check_symlink = folder_rules(real, writable, under, deny, fd_path)

    def check_signal(pid, group, _pids=pids, _groups=groups, _deny=deny, _token=environ_has_token,
                     _linux=sys.platform.startswith("linux")):
        """Signals may only go to processes of this run."""
        if pid == -1 and not group:
            _deny("the task's code may not signal every process (kill -1)")
        if pid == 0:  # its own process group: the run's
            return
        if pid < 0:
            group, pid = True, -pid
        if pid in (_groups if group else _pids):
            _deny(f"the task's code may not signal the grader (process {pid})")
        if _linux and _token(pid) is False:
            _deny(f"the task's code may only signal processes it started (not process {pid})")

    def check_fork(_rec=os.path.join(run_dir, "rec"),
                   _mark_path=os.path.join(run_dir, "out", LIMIT_MARK + "processes"),
                   _max=max_procs, _listdir=os.listdir, _open=os.open, _close=os.close,
                   _flags=os.O_WRONLY | os.O_CREAT, _error=BlockingIOError, _again=errno.EAGAIN, _sum=sum):
        if not _max:
            return
        try:
            started = _sum(1 for name in _listdir(_rec) if name.endswith(".jsonl"))
        except OSError:
            started = 0
        if started >= _max:
            try:
                _close(_open(_mark_path, _flags, 0o600))  # the runner stops the whole run
            except OSError:
                pass
            raise _error(_again, f"mpkit: a run may start at most {_max} processes")

    def kit_import(_getframe=sys._getframe, _importlib=importlib_names, _boot=boot, _str=str, _type=type,
                   _isfile=os.path.isfile):
        """Is the import system loading one of the kit's own modules (a
        spawned worker unpickling a probe imports _mpkit_probes), from its
        source's cached bytecode? (A file of the task's own, loaded without a
        source, is not.)"""
        frame = _getframe(2)  # 0 this, 1 the hook, 2 marshal's caller (importlib's _compile_bytecode)
        while frame is not None and frame.f_code.co_filename.startswith(_importlib):
            if "source_path" in frame.f_code.co_varnames:  # _compile_bytecode, SourceLoader.get_code
                source = frame.f_locals.get("source_path")
                return _type(source) is _str and source.startswith(_boot) and _isfile(source)
            frame = frame.f_back
        return False

    def kit_function(obj, _boot=boot, _str=str, _type=type):
        try:
            name = obj.__code__.co_filename
        except AttributeError:
            return False
        return _type(name) is _str and name.startswith(_boot)

    def _frame_in(folder, _getframe=sys._getframe, _ctypes_dir=ctypes_dir):
        """Is the first caller outside ctypes in this folder (multiprocessing)?"""
        try:
            frame = _getframe(2)
        except ValueError:
            return False
        while frame is not None and frame.f_code.co_filename.startswith(_ctypes_dir):
            frame = frame.f_back
        return frame is not None and frame.f_code.co_filename.startswith(folder)

    events = frozenset(("open", "os.kill", "os.killpg", "os.fork", "os.forkpty", *_PATH_EVENTS, *_READ_EVENTS,
                        *_PROGRAM_EVENTS, *_STATE_EVENTS, *_CTYPES_EVENTS, *_ATTR_EVENTS, *_CODE_EVENTS,
                        *_KIT_CODE_EVENTS))
    frozen = types.MappingProxyType  # over private copies: nothing else refers to them

    def hook(event, args, _events=events, _path_events=frozen(dict(_PATH_EVENTS)), _read_events=_READ_EVENTS,
             _programs=_PROGRAM_EVENTS, _state=frozen(dict(_STATE_EVENTS)), _ctypes=frozen(dict(_CTYPES_EVENTS)),
             _attrs=_ATTR_EVENTS, _codes=_CODE_EVENTS, _kit_codes=_KIT_CODE_EVENTS,
             _dir_fd_args=frozen({e: frozen(a) for e, a in _DIR_FD_ARGS.items()}), _enumerate=enumerate,
             _at_dir=at_dir, _climbs=climbs, _check_folder_open=check_folder_open, _check_symlink=check_symlink,
             _boot_bytes=os.fsencode(boot), _code_type=types.CodeType, _kit_import=kit_import,
             _check_read=check_read, _check_write=check_write, _check_signal=check_signal, _check_fork=check_fork,
             _kit_frame=kit_frame, _kit_function=kit_function, _deny=deny, _allow_ctypes=allow_ctypes,
             _ctypes_dir=ctypes_dir, _importlib=importlib_names, _mp_dir=mp_dir, _boot=boot,
             _write_flags=os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND, _tuple=tuple, _len=len,
             _int=int, _str=str, _bytes=bytes, _type=type, _fsdecode=os.fsdecode, _frame_in=_frame_in):
        if event not in _events:
            return
        if event == "open":
            path, mode, flags = (_tuple(args) + (None, None, None))[:3]
            wants_write = (_type(mode) is _str and ("w" in mode or "a" in mode or "x" in mode or "+" in mode)) or (
                _type(flags) is _int and flags & _write_flags)
            climbs = _climbs(path)
            # os.open (mode None) names no dir_fd in its event: see check_folder_open
            if (mode is None or climbs) and not _kit_frame():
                if climbs:
                    _deny("the task's code may not open a path with '..' in it relative to a folder")
                _check_folder_open(path, flags)
            if wants_write:
                _check_write(path)
            else:
                _check_read(path)
        elif event in _attrs:
            if _len(args) < 2:
                return
            name = args[1]
            if name == "__code__" and event != "object.__getattr__" and not _kit_frame():  # the recorder's own watch may
                _deny("the task's code may not replace a function's code (__code__)")
            # __code__ too: a sealed function's constants hold the recorder's own lists (co_consts).
            # The frame first: kit_function reads __code__ itself, an event this hook then lets by.
            if name in ("__code__", "__defaults__", "__kwdefaults__") and not _kit_frame() and _kit_function(args[0]):
                _deny("the task's code may not reach into the kit's functions")
        elif event in _path_events:
            read, changed = _path_events[event]
            at = _dir_fd_args.get(event)  # builtins (enumerate...) are the task's to replace: bound ones only
            paths = args if at is None else [
                _at_dir(a, args[at[i]] if at[i] < _len(args) else None) if i in at else a
                for i, a in _enumerate(args)]
            for i in read:
                if i < _len(args):
                    _check_read(paths[i])
            for i in changed:
                if i < _len(args):
                    _check_write(paths[i], event == "os.truncate")
            if event == "os.symlink" and _len(args) > 1 and not _kit_frame():
                _check_symlink(args[0], paths[1])
        elif event in _read_events:
            if args:
                _check_read(args[0])
        elif event == "os.kill":
            _check_signal(args[0], False)
        elif event == "os.killpg":
            _check_signal(args[0], True)
        elif event in ("os.fork", "os.forkpty"):
            _check_fork()
        elif event in _programs:
            _deny("the task's code may not run other programs (subprocess, os.system, os.exec*)")
        elif event in _state:
            if not _kit_frame():
                _deny(f"the task's code may not {_state[event]}: it could reach the grader's own state")
        elif event in _ctypes:
            if _allow_ctypes or _kit_frame((_ctypes_dir,)):
                return
            if event == "ctypes.dlopen" and args and args[0] is None:
                return  # the running program (ctypes' own import does it); its functions are dlsym
            if event == "ctypes.cdata" and _frame_in(_mp_dir):
                return  # multiprocessing's shared ctypes objects
            _deny(f"the task's code may not {_ctypes[event]}: it gets around the grader's checks")
        elif event in _codes:
            filename = args[1] if _len(args) > 1 else None
            if _type(filename) is _bytes:
                filename = _fsdecode(filename)
            if _type(filename) is _str and filename.startswith(_boot) and not _kit_frame(_importlib):
                _deny("the task's code may not make code that claims to be the kit's")
        elif event in _kit_codes:
            if event == "marshal.load":
                claims = True  # from a file: what it holds cannot be seen here
            elif event == "marshal.loads":
                data = args[0] if args else b""
                claims = (_type(data) is not _bytes or _boot_bytes in data) and not _kit_import()
            else:  # function.__new__, exec: the code object
                code = args[0] if args else None
                if event == "exec" and _type(code) is _code_type and code.co_name == "<module>":
                    return  # a module's body run by an import (its code only comes from marshal or compile, above)
                name = code.co_filename if _type(code) is _code_type else None
                claims = _type(name) is _str and name.startswith(_boot)
            if claims and not _kit_frame(_importlib):
                _deny("the task's code may not run the kit's code as its own (a function or exec of the kit's "
                      "code, or code loaded under the kit's file names)")

    return hook


def install(run_dir):
    """Turn the guard on in this process (once)."""
    if _installed[0]:
        return
    _installed[0] = True
    run_dir = os.path.realpath(run_dir)

    def paths(name):
        return tuple(os.path.realpath(p) for p in os.environ.get(name, "").split(os.pathsep) if p)

    pids = frozenset(int(p) for p in os.environ.get("MPKIT_PROTECTED_PIDS", "").split(",") if p)
    groups = set()
    for pid in pids if hasattr(os, "getpgid") else ():
        try:
            groups.add(os.getpgid(pid))
        except OSError:
            pass
    hook = _make_hook(
        run_dir=run_dir,
        hidden=paths("MPKIT_HIDDEN"),
        readonly=paths("MPKIT_READONLY"),
        writable=(os.path.join(run_dir, "work"), os.path.join(run_dir, "tmp")),
        pids=pids,
        groups=frozenset(groups),
        max_procs=int(os.environ.get("MPKIT_MAX_PROCS") or 0),
        token_entry=("MPKIT_RUN_TOKEN=" + os.environ.get("MPKIT_RUN_TOKEN", "")).encode() + b"\0",
        # Only the grader's environment can open this (tests of the kernel layer
        # alone, which attack it through the C library): the run's own changes
        # to os.environ come after install.
        allow_ctypes=os.environ.get("MPKIT_GUARD_CTYPES") == "allow",
    )
    sys.addaudithook(hook)
