"""The run's side of the kernel observer (../observer.py), Linux only.

Called by the harness before any student code runs, when the grader asked
for observation (MPKIT_OBSERVE=1): wait until the grader's tracer has
attached (ptrace), then install a seccomp filter that makes only wait4 and
waitid stop for the tracer (and, with MPKIT_OBSERVE=pids, the calls that move
bytes through file descriptors: IO_CALLS), and refuses the two ways a child could escape
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
# When the grader follows the PIDs a run's processes pass to one another
# (MPKIT_OBSERVE=pids, ../flows.py): every way of moving bytes through a file
# descriptor stops for the tracer too. name -> number, per architecture.
IO_CALLS = {
    "x86_64": {"read": 0, "write": 1, "pread64": 17, "pwrite64": 18, "readv": 19, "writev": 20, "sendfile": 40,
               "sendto": 44, "recvfrom": 45, "sendmsg": 46, "recvmsg": 47, "splice": 275, "tee": 276,
               "vmsplice": 278, "preadv": 295, "pwritev": 296, "recvmmsg": 299, "sendmmsg": 307,
               "copy_file_range": 326, "preadv2": 327, "pwritev2": 328},
    "aarch64": {"read": 63, "write": 64, "readv": 65, "writev": 66, "pread64": 67, "pwrite64": 68, "preadv": 69,
                "pwritev": 70, "sendfile": 71, "vmsplice": 75, "splice": 76, "tee": 77, "sendto": 206,
                "recvfrom": 207, "sendmsg": 211, "recvmsg": 212, "recvmmsg": 243, "sendmmsg": 269,
                "copy_file_range": 285, "preadv2": 286, "pwritev2": 287},
}
# ... and the doors that would move bytes where the tracer cannot see them are
# shut: io_uring (ENOSYS: nothing in Python needs it) and writing into another
# process's memory (EPERM).
_IO_REFUSED = {"x86_64": ((425, "enosys"), (311, "eperm")),  # io_uring_setup, process_vm_writev
               "aarch64": ((425, "enosys"), (271, "eperm"))}
# ... and the calls that hand the tracer a userfaultfd or may map shared
# memory, for the watch on who writes it (../pagewriters.py): the tracer
# reads what they returned. mmap stops only when it maps MAP_SHARED. The
# userfaultfd ioctls are the tracer's alone: a run's process may make one
# (USERFAULTFD_IOC_NEW, stopping) but not set one up (EPERM).
MEMORY_CALLS = {
    "x86_64": {"userfaultfd": 323, "mremap": 25, "shmat": 30, "execve": 59, "execveat": 322, "mmap": 9, "ioctl": 16},
    "aarch64": {"userfaultfd": 282, "mremap": 216, "shmat": 196, "execve": 221, "execveat": 281, "mmap": 222,
                "ioctl": 29},
}
_MAP_SHARED, _UFFD_IOC_TYPE, USERFAULTFD_IOC_NEW = 0x01, 0xAA00, 0xAA00
_RET_ALLOW, _RET_TRACE, _RET_ERRNO = 0x7FFF0000, 0x7FF00000, 0x00050000
_CLONE_UNTRACED = 0x00800000
_X32_BIT = 0x40000000
_ENOSYS, _EPERM = 38, 1
_LD, _JEQ, _JSET, _JGE, _RET, _AND = 0x20, 0x15, 0x45, 0x35, 0x06, 0x54
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2



def _prctl_function():
    """prctl() of the C library, or None off Linux. Held only as a default
    argument of await_tracer (no module global: a C function the kit looked
    up would pass the guard's ctypes check in the task's hands)."""
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    prctl.argtypes = (ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong)  # pointers as ints
    return prctl


def _program(arch, io=False):
    """The filter as BPF: jumps go to labels, resolved once all is laid out."""
    audit, wait4, waitid, clone, clone3 = _ARCH[arch]
    traced = [wait4, waitid, *(IO_CALLS[arch].values() if io else ())]
    refused = _IO_REFUSED[arch] if io else ()
    memory = dict(MEMORY_CALLS[arch])
    mmap, ioctl = memory.pop("mmap"), memory.pop("ioctl")
    ins, labels = [], {}

    def op(code, k, jt=None, jf=None):  # jt/jf: a label's name, or None for the next instruction
        ins.append((code, k, jt, jf))

    op(_LD, 4)  # seccomp_data.arch
    op(_JEQ, audit, None, "enosys")  # another ABI: nothing of ours runs there
    op(_LD, 0)  # seccomp_data.nr
    op(_JGE, _X32_BIT, "enosys")  # x32 system calls
    for nr in traced + (list(memory.values()) if io else []):
        op(_JEQ, nr, "trace")
    for nr, label in refused:
        op(_JEQ, nr, label)
    if io:
        op(_JEQ, mmap, "mmap")
        op(_JEQ, ioctl, "ioctl")
    op(_JEQ, clone3, "enosys")  # its flags cannot be read: the C library falls back to clone
    op(_JEQ, clone, None, "allow")
    op(_LD, 16)  # clone's flags (args[0], low half)
    op(_JSET, _CLONE_UNTRACED, "eperm", "allow")
    if io:
        labels["mmap"] = len(ins)
        op(_LD, 40)  # mmap's flags (args[3], low half)
        op(_JSET, _MAP_SHARED, "trace", "allow")
        labels["ioctl"] = len(ins)
        op(_LD, 24)  # ioctl's request (args[1], low half)
        op(_JEQ, USERFAULTFD_IOC_NEW, "trace")
        op(_AND, 0xFF00)
        op(_JEQ, _UFFD_IOC_TYPE, "eperm", "allow")
    for name, ret in (("allow", _RET_ALLOW), ("trace", _RET_TRACE), ("eperm", _RET_ERRNO | _EPERM),
                      ("enosys", _RET_ERRNO | _ENOSYS)):
        labels[name] = len(ins)
        op(_RET, ret)

    def offset(at, label):
        return 0 if label is None else labels[label] - at - 1

    return b"".join(struct.pack("=HBBI", code, offset(i, jt), offset(i, jf), k)
                    for i, (code, k, jt, jf) in enumerate(ins))


def _tracer():
    """The process (thread group) tracing this one, or 0."""
    with open("/proc/self/status", "rb") as f:
        tid = next((int(line.split()[1]) for line in f if line.startswith(b"TracerPid:")), 0)
    if not tid:
        return 0
    try:
        with open(f"/proc/{tid}/status", "rb") as f:
            return next((int(line.split()[1]) for line in f if line.startswith(b"Tgid:")), tid)
    except OSError:
        return tid


def await_tracer(timeout=3.0, io=False, grader=None, _prctl=_prctl_function()):
    """Wait for the tracer (a thread of `grader`, when given), then filter
    (io: the byte-moving calls too). Returns why not, or None when in force.
    Another tracer (a debugger, strace) would take the filter's stops without
    answering them, so every wait would fail: the run goes on unobserved."""
    arch = platform.machine()
    if _prctl is None or arch not in _ARCH:
        return f"no kernel observer on {sys.platform} {arch}"
    deadline = time.monotonic() + timeout
    delay = 0.0001
    while not (tracer := _tracer()):  # a few ms at most: the run's whole start waits on it, so look often
        if time.monotonic() > deadline:
            return "the tracer did not attach"
        time.sleep(delay)
        delay = min(delay * 2, 0.001)
    if grader is not None and tracer != grader:
        return f"another program (process {tracer}) traces the run"
    code = _program(arch, io)
    buf = ctypes.create_string_buffer(code, len(code))
    prog = struct.pack("=HxxxxxxQ", len(code) // 8, ctypes.addressof(buf))
    pbuf = ctypes.create_string_buffer(prog, len(prog))
    _prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    if _prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(pbuf), 0, 0) != 0:
        return f"seccomp: {os.strerror(ctypes.get_errno())}"
    try:
        os.waitpid(-1, os.WNOHANG)  # the tracer's proof that the filter is in force
    except ChildProcessError:
        pass
    return None
