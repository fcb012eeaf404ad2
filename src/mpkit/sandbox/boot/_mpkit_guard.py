"""What student code may not do, enforced inside every process of a run.

An audit hook (sys.addaudithook, which Python code cannot remove) refuses:
- reading or listing the grader's hidden folders (graders, solutions, answer key);
- writing, deleting or renaming anything in the kit, the submission, the kit's
  own package or the run's record (the run's work folder and the system's temp
  folder stay writable);
- signalling a process outside the run (the grader, other users' programs,
  `kill -1`);
- running other programs (subprocess, os.system, os.exec*), which could shed
  the run's marks;
- starting more than MPKIT_MAX_PROCS processes in one run (a fork bomb), which
  also works for root, whom RLIMIT_NPROC does not limit.

A refusal is an exception in the student's code (PermissionError, or OSError
EAGAIN for a fork, as the OS itself would give), with a message that says why.
This stops accidents and casual tampering; code that calls the C library
through ctypes can get around it (see the README's "Safety" section).
"""
import errno
import os
import sys

_realpath = os.path.realpath
_fspath = os.fspath
_fsdecode = os.fsdecode  # bytes paths (psutil lists b"/proc") compare as text
_listdir = os.listdir
_os_open = os.open
_close = os.close
_read = os.read
_sep = os.sep
_getpgid = getattr(os, "getpgid", None)

LIMIT_MARK = "limit-"  # run_dir/out/limit-<name>: the runner stops the run
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

_cfg = {}
_busy = [0]  # > 0 while the kit itself (recorder, this hook) works


class own_files:
    """`with own_files():` lets the recorder write its record."""

    def __enter__(self):
        _busy[0] += 1

    def __exit__(self, *exc):
        _busy[0] -= 1


def _paths(name):
    return tuple(_realpath(p) for p in os.environ.get(name, "").split(os.pathsep) if p)


def _under(path, roots):
    return any(path == r or path.startswith(r.rstrip(_sep) + _sep) for r in roots)


def _resolve(path):
    if isinstance(path, int) or path is None:
        return None
    try:
        return _realpath(_fsdecode(_fspath(path)))
    except (TypeError, ValueError, OSError):
        return None


def _deny(message, code=errno.EACCES):
    raise PermissionError(code, "mpkit: " + message)


def _check_read(path):
    p = _resolve(path)
    if p and _under(p, _cfg["hidden"]):
        _deny(f"the task's code may not read the grader's files ({p})")


def _check_write(path):
    p = _resolve(path)
    if p is None or _under(p, _cfg["writable"]):
        return
    if _under(p, _cfg["hidden"]) or _under(p, _cfg["readonly"]):
        _deny(f"the task's code may not change the grader's or the submission's files ({p})")


def _wants_write(mode, flags):
    if isinstance(mode, str) and any(c in mode for c in "wax+"):
        return True
    return isinstance(flags, int) and bool(flags & _WRITE_FLAGS)


def _environ_has_token(pid):
    """True/False when the process's environment could be read, else None."""
    try:
        fd = _os_open(f"/proc/{pid}/environ", os.O_RDONLY)
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
    return _cfg["token_entry"] in data


def _check_signal(pid, group):
    """Signals may only go to processes of this run."""
    if pid == -1 and not group:
        _deny("the task's code may not signal every process (kill -1)")
    if pid == 0:  # its own process group: the run's
        return
    if pid < 0:
        group, pid = True, -pid
    if pid in (_cfg["groups"] if group else _cfg["pids"]):
        _deny(f"the task's code may not signal the grader (process {pid})")
    if sys.platform.startswith("linux") and _environ_has_token(pid) is False:
        _deny(f"the task's code may only signal processes it started (not process {pid})")


def processes_started(run_dir):
    """Processes the run has started so far: each has a record file."""
    _busy[0] += 1
    try:
        return sum(1 for name in _listdir(os.path.join(run_dir, "rec")) if name.endswith(".jsonl"))
    except OSError:
        return 0
    finally:
        _busy[0] -= 1


def mark_limit(name):
    """Tell the runner a limit was hit; it stops the whole run."""
    _busy[0] += 1
    try:
        _close(_os_open(os.path.join(_cfg["run_dir"], "out", LIMIT_MARK + name), os.O_WRONLY | os.O_CREAT, 0o600))
    except OSError:
        pass
    finally:
        _busy[0] -= 1


def max_processes():
    return _cfg.get("max_procs") or 1 << 30


def over_process_limit():
    return processes_started(_cfg["run_dir"]) >= max_processes()


def _check_fork():
    if over_process_limit():
        mark_limit("processes")
        raise BlockingIOError(errno.EAGAIN, f"mpkit: a run may start at most {_cfg['max_procs']} processes")


# Events on paths: which arguments are read from and which are changed.
_PATH_EVENTS = {
    "os.remove": ((), (0,)), "os.rmdir": ((), (0,)), "os.mkdir": ((), (0,)), "os.chmod": ((), (0,)),
    "os.chown": ((), (0,)), "os.utime": ((), (0,)), "os.truncate": ((), (0,)), "os.chflags": ((), (0,)),
    "os.setxattr": ((), (0,)), "os.removexattr": ((), (0,)), "shutil.rmtree": ((), (0,)),
    "os.rename": ((), (0, 1)), "shutil.move": ((), (0, 1)),
    "os.link": ((0,), (1,)), "os.symlink": ((), (1,)),  # a hard link would be a way into a hidden file
    "shutil.copyfile": ((0,), (1,)), "shutil.copytree": ((0,), (1,)),
}
_READ_EVENTS = ("os.listdir", "os.scandir")
_PROGRAM_EVENTS = ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "pty.spawn",
                   "os.startfile")


def _hook(event, args):
    if _busy[0]:
        return
    if event == "open":
        path, mode, flags = (tuple(args) + (None, None, None))[:3]
        _busy[0] += 1
        try:
            if _wants_write(mode, flags):
                _check_write(path)
            else:
                _check_read(path)
        finally:
            _busy[0] -= 1
    elif event in _PATH_EVENTS:
        read, changed = _PATH_EVENTS[event]
        _busy[0] += 1
        try:
            for i in read:
                if i < len(args):
                    _check_read(args[i])
            for i in changed:
                if i < len(args):
                    _check_write(args[i])
        finally:
            _busy[0] -= 1
    elif event in _READ_EVENTS and args:
        _busy[0] += 1
        try:
            _check_read(args[0])
        finally:
            _busy[0] -= 1
    elif event == "os.kill":
        _busy[0] += 1
        try:
            _check_signal(args[0], group=False)
        finally:
            _busy[0] -= 1
    elif event == "os.killpg":
        _busy[0] += 1
        try:
            _check_signal(args[0], group=True)
        finally:
            _busy[0] -= 1
    elif event in ("os.fork", "os.forkpty"):
        _busy[0] += 1
        try:
            _check_fork()
        finally:
            _busy[0] -= 1
    elif event in _PROGRAM_EVENTS:
        _deny("the task's code may not run other programs (subprocess, os.system, os.exec*)")


def install(run_dir):
    """Turn the guard on in this process (once)."""
    if _cfg:
        return
    run_dir = _realpath(run_dir)
    _cfg.update(
        run_dir=run_dir,
        hidden=_paths("MPKIT_HIDDEN"),
        readonly=_paths("MPKIT_READONLY") + (run_dir,),
        writable=(os.path.join(run_dir, "work"), os.path.join(run_dir, "tmp")),
        pids={int(p) for p in os.environ.get("MPKIT_PROTECTED_PIDS", "").split(",") if p},
        max_procs=int(os.environ.get("MPKIT_MAX_PROCS") or 0),
        token_entry=("MPKIT_RUN_TOKEN=" + os.environ.get("MPKIT_RUN_TOKEN", "")).encode() + b"\0",
    )
    groups = set()
    for pid in _cfg["pids"] if _getpgid else ():
        try:
            groups.add(_getpgid(pid))
        except OSError:
            pass
    _cfg["groups"] = groups
    sys.addaudithook(_hook)
