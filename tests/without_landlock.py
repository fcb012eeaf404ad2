"""Run a command as on a kernel without Landlock: `python without_landlock.py CMD ARGS...`.

A seccomp filter (standard library, ctypes) makes the three Landlock system
calls fail with ENOSYS, as an older kernel does, for the command and every
process it starts. Nothing else changes. Linux x86_64 and aarch64 only.
"""
import ctypes
import os
import struct
import sys

AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
LANDLOCK_CALLS = (444, 445, 446)
PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
RET_ALLOW, RET_ERRNO, ENOSYS = 0x7FFF0000, 0x00050000, 38
LD_ABS_W, JEQ_K, RET_K = 0x20, 0x15, 0x06  # BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_RET|BPF_K


def program(arch: int) -> list:
    """(code, jt, jf, k) per instruction: seccomp_data.arch at 4, .nr at 0."""
    n = len(LANDLOCK_CALLS)
    insns = [(LD_ABS_W, 0, 0, 4), (JEQ_K, 0, n + 1, arch), (LD_ABS_W, 0, 0, 0)]
    for i, nr in enumerate(LANDLOCK_CALLS):
        insns.append((JEQ_K, n - i, 0, nr))  # to the ERRNO return
    insns += [(RET_K, 0, 0, RET_ALLOW), (RET_K, 0, 0, RET_ERRNO | ENOSYS)]
    return insns


def install() -> None:
    arch = AUDIT_ARCH.get(os.uname().machine)
    if arch is None:
        raise SystemExit(f"without_landlock: unknown machine {os.uname().machine}")
    insns = program(arch)
    filters = ctypes.create_string_buffer(b"".join(struct.pack("=HBBI", *i) for i in insns))
    fprog = struct.pack("=HxxxxxxQ", len(insns), ctypes.addressof(filters))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS)")
    fprog_buf = ctypes.create_string_buffer(fprog)
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, fprog_buf, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP)")


if __name__ == "__main__":
    install()
    os.execvp(sys.argv[1], sys.argv[1:])
