"""The run's side of the kernel observer (../observer.py), Linux only.

Called by the harness before any student code runs, when the grader asked
for observation (MPKIT_OBSERVE=1): wait until the grader's tracer has
attached (ptrace), then install a seccomp filter that makes only wait4 and
waitid stop for the tracer, and refuses the two ways a child could escape
tracing (clone3, whose flags a filter cannot read, fails with ENOSYS so the C
library falls back to clone; clone with CLONE_UNTRACED fails with EPERM).
The filter is inherited by every process of the run and cannot be removed.
A wait4 done right after it shows the tracer that the filter is in force.

Standard library only (it runs in the student's process). Nothing here is a
verdict: if the student's code undid anything it could reach, the tracer
would see it (no filter: no waits seen; no tracer: not attached).
"""
import ctypes
import os
import platform
import struct
import sys
import time

# (audit arch, wait4, waitid, clone, clone3)
_ARCH = {
    "x86_64": (0xC000003E, 61, 247, 56, 435),
    "aarch64": (0xC00000B7, 260, 95, 220, 435),
}
_RET_ALLOW, _RET_TRACE, _RET_ERRNO = 0x7FFF0000, 0x7FF00000, 0x00050000
_CLONE_UNTRACED = 0x00800000
_X32_BIT = 0x40000000
_ENOSYS, _EPERM = 38, 1
_LD, _JEQ, _JSET, _JGE, _RET = 0x20, 0x15, 0x45, 0x35, 0x06
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2

_libc = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
if _libc is not None:  # pointers passed as ints must not be cut to a C int
    _libc.prctl.argtypes = (ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong)


def _program(arch):
    audit, wait4, waitid, clone, clone3 = _ARCH[arch]
    ins = []

    def op(code, k, jt=0, jf=0):
        ins.append(struct.pack("=HBBI", code, jt, jf, k))

    op(_LD, 4)  # seccomp_data.arch
    op(_JEQ, audit, 1, 0)
    op(_RET, _RET_ERRNO | _ENOSYS)  # another ABI: nothing of ours runs there
    op(_LD, 0)  # seccomp_data.nr
    op(_JGE, _X32_BIT, 0, 1)
    op(_RET, _RET_ERRNO | _ENOSYS)  # x32 system calls
    op(_JEQ, wait4, 6, 0)
    op(_JEQ, waitid, 5, 0)
    op(_JEQ, clone3, 6, 0)
    op(_JEQ, clone, 0, 2)
    op(_LD, 16)  # clone's flags (args[0], low half)
    op(_JSET, _CLONE_UNTRACED, 2, 0)
    op(_RET, _RET_ALLOW)
    op(_RET, _RET_TRACE)
    op(_RET, _RET_ERRNO | _EPERM)
    op(_RET, _RET_ERRNO | _ENOSYS)
    return b"".join(ins)


def _traced():
    with open("/proc/self/status", "rb") as f:
        for line in f:
            if line.startswith(b"TracerPid:"):
                return int(line.split()[1]) != 0
    return False


def await_tracer(timeout=3.0):
    """Wait for the tracer, then filter. Returns why not, or None when in force."""
    arch = platform.machine()
    if _libc is None or arch not in _ARCH:
        return f"no kernel observer on {sys.platform} {arch}"
    deadline = time.monotonic() + timeout
    delay = 0.0002
    while not _traced():
        if time.monotonic() > deadline:
            return "the tracer did not attach"
        time.sleep(delay)
        delay = min(delay * 2, 0.01)
    code = _program(arch)
    buf = ctypes.create_string_buffer(code, len(code))
    prog = struct.pack("=HxxxxxxQ", len(code) // 8, ctypes.addressof(buf))
    pbuf = ctypes.create_string_buffer(prog, len(prog))
    _libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    if _libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(pbuf), 0, 0) != 0:
        return f"seccomp: {os.strerror(ctypes.get_errno())}"
    try:
        os.waitpid(-1, os.WNOHANG)  # the tracer's proof that the filter is in force
    except ChildProcessError:
        pass
    return None
