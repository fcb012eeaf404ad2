"""Kernel-enforced limits of a run: Linux Landlock, through ctypes (standard
library only: this runs inside the student's processes).

A process that calls `restrict()` and every process it starts afterwards
(fork, spawn, forkserver, a Pool's workers, exec'd programs) can then:
- read, list and execute only what lies beneath the `read` rules (the grader
  passes everything except the kit's hidden folders: Landlock only allows,
  so a hidden folder must lie outside every rule);
- create, change and delete only beneath the `write` rules (the run's own
  folders, /dev/shm) and write the `write_files` (/dev/null);
- not link or move a file to where it would gain rights (a hard link in the
  temp folder to a hidden file is refused: Landlock's REFER rule);
- (ABI 4+) not bind or connect TCP sockets;
- (ABI 6+) not signal, and not connect to the abstract unix sockets of,
  processes outside the run.
Nothing undoes it: the kernel keeps it until the last process ends.

Where the kernel has no Landlock (not Linux, kernel < 5.13, built without it,
a seccomp filter that refuses the calls), `abi()` says why and the caller
reports that only the audit hook protects the run.
"""
import errno
import os
import stat
import struct
import sys

# Syscall numbers: the same on x86_64 and aarch64 (the common table since 5.x).
_SYSCALLS = {"x86_64": (444, 445, 446), "aarch64": (444, 445, 446), "arm64": (444, 445, 446)}
_PR_SET_NO_NEW_PRIVS = 38
_CREATE_RULESET_VERSION = 1 << 0
_RULE_PATH_BENEATH, _RULE_NET_PORT = 1, 2

# Access rights on files (landlock.h), and the ABI that brought each.
EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
REMOVE_DIR, REMOVE_FILE, MAKE_CHAR, MAKE_DIR = 1 << 4, 1 << 5, 1 << 6, 1 << 7
MAKE_REG, MAKE_SOCK, MAKE_FIFO, MAKE_BLOCK, MAKE_SYM = 1 << 8, 1 << 9, 1 << 10, 1 << 11, 1 << 12
REFER, TRUNCATE = 1 << 13, 1 << 14  # ABI 2, ABI 3
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1  # ABI 4
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1  # ABI 6

_READ = EXECUTE | READ_FILE | READ_DIR
_FILE_ONLY = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE  # the rights a rule on a file may carry
_WRITE_ABI1 = (WRITE_FILE | REMOVE_DIR | REMOVE_FILE | MAKE_CHAR | MAKE_DIR | MAKE_REG | MAKE_SOCK
               | MAKE_FIFO | MAKE_BLOCK | MAKE_SYM)


_BOOT = os.path.dirname(os.path.realpath(__file__)).rstrip(os.sep) + os.sep


def _libc(_getframe=sys._getframe, _boot=_BOOT, _str=str, _type=type):
    """ctypes, the C library and its syscall(), for this module's own calls
    only: C functions looked up here would pass the guard's ctypes check, so
    they are never handed to the task's code."""
    caller = _getframe(1).f_code.co_filename
    if _type(caller) is not _str or not caller.startswith(_boot):
        raise PermissionError("mpkit: the task's code may not call functions of the C library (ctypes)")
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    call = libc.syscall
    call.restype = ctypes.c_long
    libc.open.restype = ctypes.c_int
    libc.open.argtypes = (ctypes.c_char_p, ctypes.c_int)
    return ctypes, libc, call


_abi_cache = []


def abi():
    """(version, None) where the kernel enforces Landlock, else (0, why)."""
    if _abi_cache:
        return _abi_cache[0]
    _abi_cache.append(_probe())
    return _abi_cache[0]


def _probe():
    if not sys.platform.startswith("linux"):
        return 0, f"not Linux ({sys.platform})"
    machine = os.uname().machine
    if machine not in _SYSCALLS:
        return 0, f"mpkit does not know Landlock's system calls on {machine}"
    try:
        ctypes, _, call = _libc()
    except (OSError, AttributeError, ImportError) as exc:
        return 0, f"no C library to call the kernel with ({exc})"
    version = call(ctypes.c_long(_SYSCALLS[machine][0]), None, ctypes.c_size_t(0),
                   ctypes.c_uint32(_CREATE_RULESET_VERSION))
    if version >= 1:
        return int(version), None
    code = ctypes.get_errno()
    if code == errno.ENOSYS:
        return 0, f"no Landlock: kernel {os.uname().release} lacks it, or a seccomp filter refuses it (ENOSYS)"
    if code == errno.EOPNOTSUPP:
        return 0, f"no Landlock: kernel {os.uname().release} has it switched off (EOPNOTSUPP; see the lsm= boot option)"
    return 0, f"no Landlock: landlock_create_ruleset failed with {errno.errorcode.get(code, code)}"


def handled_rights(version):
    """The file rights this ABI can restrict (everything we use of them)."""
    rights = _READ | _WRITE_ABI1
    if version >= 2:
        rights |= REFER
    if version >= 3:
        rights |= TRUNCATE
    return rights


def restrict(read, write, write_files=(), tcp=True):
    """Restrict this process (and all it will start) for good. Returns what
    was applied: {"abi": N, "files": True, "tcp": bool, "signals": bool,
    "abstract_sockets": bool}; raises OSError when the kernel refuses.

    read: paths (folders or files) beneath which reading is allowed.
    write: folders beneath which everything is allowed.
    write_files: files that may be written (not created or removed).
    Paths that do not exist (any more) are left out.
    """
    version, why = abi()
    if not version:
        raise OSError(errno.ENOSYS, why)
    ctypes, libc, call = _libc()
    create, add_rule, restrict_self = _SYSCALLS[os.uname().machine]
    fs = handled_rights(version)
    net = NET_BIND_TCP | NET_CONNECT_TCP if tcp and version >= 4 else 0
    scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if version >= 6 else 0
    # struct landlock_ruleset_attr: as long as the fields this ABI knows.
    attr = struct.pack("=QQQ", fs, net, scoped)[: 24 if version >= 6 else 16 if version >= 4 else 8]
    buf = ctypes.create_string_buffer(attr, len(attr))
    ruleset = call(ctypes.c_long(create), buf, ctypes.c_size_t(len(attr)), ctypes.c_uint32(0))
    if ruleset < 0:
        _raise(ctypes, "landlock_create_ruleset")
    try:
        writable = fs & ~_READ
        for paths, rights in ((read, _READ), (write, _READ | writable), (write_files, READ_FILE | WRITE_FILE | (fs & TRUNCATE))):
            for path in paths:
                _add_path(ctypes, libc, call, add_rule, ruleset, path, rights & fs)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            _raise(ctypes, "prctl(PR_SET_NO_NEW_PRIVS)")
        if call(ctypes.c_long(restrict_self), ctypes.c_long(ruleset), ctypes.c_uint32(0)) != 0:
            _raise(ctypes, "landlock_restrict_self")
    finally:
        os.close(ruleset)
    return {"abi": version, "files": True, "tcp": bool(net), "signals": bool(scoped & SCOPE_SIGNAL),
            "abstract_sockets": bool(scoped & SCOPE_ABSTRACT_UNIX_SOCKET)}


def _add_path(ctypes, libc, call, add_rule, ruleset, path, rights):
    # O_NOFOLLOW: a symlink among the allowed entries may point into a hidden
    # folder; what it points to is covered (or not) by its own rule. Opened
    # through the C library: each of Python's opens would also pass through
    # the audit hook, which resolves the path again (a run has some 60 rules).
    fd = libc.open(os.fsencode(path), os.O_PATH | os.O_CLOEXEC | os.O_NOFOLLOW)
    if fd < 0:
        return  # gone since the grader listed it
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISLNK(mode):
            return
        if not stat.S_ISDIR(mode):
            rights &= _FILE_ONLY
        # struct landlock_path_beneath_attr (packed): u64 allowed_access, s32 parent_fd
        attr = ctypes.create_string_buffer(struct.pack("=Qi", rights, fd), 12)
        if call(ctypes.c_long(add_rule), ctypes.c_long(ruleset), ctypes.c_long(_RULE_PATH_BENEATH), attr,
                ctypes.c_uint32(0)) != 0:
            _raise(ctypes, f"landlock_add_rule({path})")
    finally:
        os.close(fd)


def _raise(ctypes, what):
    code = ctypes.get_errno()
    raise OSError(code, f"{what}: {os.strerror(code)}")


def allowed_reads(hidden, root="/"):
    """Paths beneath which everything may be read except the `hidden` folders:
    along the path from / to each hidden folder, every sibling entry.
    (Used by the grader, which passes the list to each run.)"""
    hidden = sorted({os.path.realpath(h) for h in hidden})
    # A hidden folder inside another adds nothing.
    hidden = [h for h in hidden if not any(h != o and h.startswith(o.rstrip(os.sep) + os.sep) for o in hidden)]
    if not hidden:
        return [root]
    on_the_way = set()  # folders that hold a hidden folder somewhere below
    for h in hidden:
        parent = os.path.dirname(h)
        while True:
            on_the_way.add(parent)
            if parent == os.path.dirname(parent):
                break
            parent = os.path.dirname(parent)
    blocked = on_the_way | set(hidden)
    allowed = []
    for folder in sorted(on_the_way):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in sorted(names):
            path = os.path.join(folder, name)
            if path not in blocked:
                allowed.append(path)
    return allowed


def apply_for_run(plan, report_fd):
    """The harness's step, before the student's code runs: apply the grader's
    plan (None: the grader's kernel has no Landlock) and write what was
    applied to report_fd (then closed). False when the plan could not be
    applied: the run must stop."""
    import json

    report = {"applied": False}
    ok = True
    if plan:
        try:
            threads = len(os.listdir("/proc/self/task"))
            if threads != 1:  # restrict_self binds the calling thread only
                raise OSError(errno.EBUSY, f"the run has {threads} threads when it restricts itself")
            report.update(restrict(plan["read"], plan["write"], plan.get("write_files", ())), applied=True)
        except OSError as exc:
            report["error"] = str(exc)
            ok = False
    else:
        version, why = abi()
        report.update(abi=version, why=why or "the grader did not ask for it")
    try:
        os.write(report_fd, json.dumps(report).encode())
    finally:
        os.close(report_fd)
    return ok
