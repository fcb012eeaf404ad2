"""The few ptrace(2) calls and /proc reads the process observer needs (Linux).

Constants from <linux/ptrace.h> and <sys/wait.h>, the `ptrace` call through
ctypes, and small readers of a traced task's state. Only `observer.py`
uses them, from its tracer threads.
"""
from __future__ import annotations

import ctypes
import os
import signal
import struct
import sys
import threading

_WALL, _WNOTHREAD = 0x40000000, 0x20000000
_SEIZE, _INTERRUPT, _LISTEN, _CONT, _SYSCALL, _GETEVENTMSG, _SYSCALL_INFO = (
    0x4206, 0x4207, 0x4208, 7, 24, 0x4201, 0x420E)
_O_TRACESYSGOOD, _O_TRACEFORK, _O_TRACEVFORK, _O_TRACECLONE, _O_TRACEEXEC = 1, 2, 4, 8, 0x10
_O_TRACEEXIT, _O_TRACESECCOMP, _O_EXITKILL = 0x40, 0x80, 0x100000
OPTIONS = (_O_TRACESYSGOOD | _O_TRACEFORK | _O_TRACEVFORK | _O_TRACECLONE | _O_TRACEEXEC
           | _O_TRACESECCOMP | _O_EXITKILL)
_EV_FORK, _EV_VFORK, _EV_CLONE, _EV_EXEC, _EV_EXIT, _EV_SECCOMP, _EV_STOP = 1, 2, 3, 4, 6, 7, 128
_OP_EXIT, _OP_SECCOMP = 2, 3
_GROUP_STOPS = {signal.SIGSTOP, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU}
_WNOWAIT = 0x01000000
_CLD_REAPED = (1, 2, 3)  # CLD_EXITED, CLD_KILLED, CLD_DUMPED
_SYSCALLS = {"x86_64": {61: "wait4", 247: "waitid"}, "aarch64": {260: "wait4", 95: "waitid"}}


_libc = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
if _libc is not None:
    _libc.ptrace.restype = ctypes.c_long
    _libc.ptrace.argtypes = (ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p)


def _ptrace(request: int, pid: int, addr=0, data=0) -> int:
    result = _libc.ptrace(request, pid, addr, data)
    if result == -1:
        err = ctypes.get_errno()
        if err:
            raise OSError(err, os.strerror(err))
    return result


def _resume(request: int, tid: int, sig: int = 0) -> None:
    try:
        _ptrace(request, tid, 0, sig)
    except OSError:  # killed meanwhile (ESRCH): nothing to resume
        pass


def _event_msg(tid: int) -> int:
    value = ctypes.c_ulong()
    _ptrace(_GETEVENTMSG, tid, 0, ctypes.addressof(value))
    return value.value


_INFO = ctypes.create_string_buffer(128)  # only the tracer threads use it, one call at a time each
_info_lock = threading.Lock()


def _syscall_info(tid: int):
    """(op, nr, args) at a seccomp stop, (op, rval, None) at a syscall exit."""
    with _info_lock:
        _ptrace(_SYSCALL_INFO, tid, ctypes.sizeof(_INFO), ctypes.addressof(_INFO))
        raw = _INFO.raw
    op = raw[0]
    if op == _OP_EXIT:
        return op, struct.unpack_from("=q", raw, 24)[0], None
    nr, *args = struct.unpack_from("=7Q", raw, 24)
    return op, nr, args


def _status_fields(tid: int) -> dict:
    fields = {}
    try:
        with open(f"/proc/{tid}/status", "rb") as f:
            for line in f:
                key, _, value = line.partition(b":")
                if key in (b"Tgid", b"PPid"):
                    fields[key.decode()] = int(value)
    except (OSError, ValueError):
        pass
    return fields


def _tracer_of(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"TracerPid:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def _read_memory(tid: int, address: int, size: int) -> bytes | None:
    try:
        fd = os.open(f"/proc/{tid}/mem", os.O_RDONLY)
    except OSError:
        return None
    try:
        return os.pread(fd, size, address)
    except OSError:
        return None
    finally:
        os.close(fd)
