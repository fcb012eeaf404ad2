"""userfaultfd write protection of another process's shared memory (Linux).

A run's process makes a userfaultfd (it must: the call acts on the caller's
memory) and the tracer takes a copy of it (pidfd_getfd). From then on the
grader registers that process's shared mappings and write-protects them from
outside: the process's first write to a protected page stops it in the
kernel and sends the page's address to whoever reads the descriptor, here
the grader. Another process's writes to the same page raise nothing in this
one (each process has its page tables). Measured on kernel 6.18:
tests/tamper/FINDINGS.md, f38. Only pagewriters.py uses this module.

Constants from <linux/userfaultfd.h>; calls through ctypes and fcntl.ioctl.
"""
from __future__ import annotations

import ctypes
import fcntl
import os
import platform
import struct
import sys
from dataclasses import dataclass

from .boot._mpkit_observed import MEMORY_CALLS

_API = 0xAA
_IOC_API, _IOC_REGISTER, _IOC_WRITEPROTECT = 0xC018AA3F, 0xC020AA00, 0xC018AA06
_MODE_WP = 2  # UFFDIO_REGISTER_MODE_WP
_FEATURE_WP_SHMEM = 1 << 12  # UFFD_FEATURE_WP_HUGETLBFS_SHMEM (kernel 5.19)
_EVENT_PAGEFAULT, _FLAG_WP = 0x12, 2
_MSG = 32  # sizeof(struct uffd_msg)
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
# pidfd_open, pidfd_getfd (the same number on every architecture since 5.1)
_PIDFD_OPEN, _PIDFD_GETFD = 434, 438
# The system call's number: the one the run's filter stops at (boot/_mpkit_observed.py).
USERFAULTFD = {arch: calls["userfaultfd"] for arch, calls in MEMORY_CALLS.items()}
_KCMP, _KCMP_VM = {"x86_64": 312, "aarch64": 272}, 1

_libc = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
if _libc is not None:
    _libc.syscall.restype = ctypes.c_long


def _syscall(*args) -> int:
    result = _libc.syscall(*(ctypes.c_long(a) for a in args))
    if result < 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))
    return result


_probed: list = []  # why not, once ("" when it works)


def unavailable() -> str | None:
    """Why the grader cannot watch who writes shared memory here, or None."""
    if not _probed:
        _probed.append(_probe() or "")
    return _probed[0] or None


def _probe() -> str | None:
    if _libc is None or platform.machine() not in USERFAULTFD:
        return "not Linux on x86_64 or aarch64"
    # Root: writes the kernel makes for a process (read() into a shared buffer)
    # must stop it too, and the grader reads the memory through
    # /proc/PID/map_files (CAP_SYS_ADMIN; the mappings may be gone by then).
    if os.geteuid() != 0:
        return "watching who writes shared memory needs root"
    try:
        with open("/proc/self/maps") as f:
            first = f.readline().split()[0]
        os.close(os.open(f"/proc/self/map_files/{first}", os.O_RDONLY))
    except (OSError, IndexError) as exc:
        return f"/proc/PID/map_files cannot be read here ({getattr(exc, 'strerror', exc)})"
    try:
        fd = _syscall(USERFAULTFD[platform.machine()], os.O_CLOEXEC)
        try:
            fcntl.ioctl(fd, _IOC_API, bytearray(struct.pack("=QQQ", _API, _FEATURE_WP_SHMEM, 0)))
        finally:
            os.close(fd)
    except OSError as exc:
        return f"userfaultfd write protection of shared memory is missing here ({exc.strerror})"
    return None


def take(pid: int, fd: int) -> int:
    """The grader's own copy of process pid's userfaultfd `fd`, set up for
    write protection of shared memory. Raises OSError."""
    pidfd = _syscall(_PIDFD_OPEN, pid, 0)
    try:
        ufd = _syscall(_PIDFD_GETFD, pidfd, fd, 0)
    finally:
        os.close(pidfd)
    try:
        api = bytearray(struct.pack("=QQQ", _API, _FEATURE_WP_SHMEM, 0))
        fcntl.ioctl(ufd, _IOC_API, api)
        os.set_blocking(ufd, False)
    except OSError:
        os.close(ufd)
        raise
    return ufd


def register(ufd: int, start: int, length: int) -> None:
    fcntl.ioctl(ufd, _IOC_REGISTER, bytearray(struct.pack("=QQQQ", start, length, _MODE_WP, 0)))


def protect(ufd: int, start: int, length: int, on: bool) -> None:
    """Write-protect the range, or lift the protection (which wakes a process stopped on it)."""
    fcntl.ioctl(ufd, _IOC_WRITEPROTECT, bytearray(struct.pack("=QQQ", start, length, 1 if on else 0)))


def faults(ufd: int) -> list[int]:
    """The pages (addresses) whose first write stopped the process, waiting to be read."""
    pages = []
    while True:
        try:
            data = os.read(ufd, _MSG * 16)
        except (BlockingIOError, InterruptedError):
            return pages
        if not data:
            return pages
        for at in range(0, len(data) - _MSG + 1, _MSG):
            event = data[at]
            flags, address = struct.unpack_from("=QQ", data, at + 8)
            if event == _EVENT_PAGEFAULT and flags & _FLAG_WP:
                pages.append(address & ~(PAGE - 1))


def same_memory(pid: int, other: int) -> bool:
    """Do the two processes share one memory (a vfork child and its parent, until its exec)?"""
    try:
        return _syscall(_KCMP[platform.machine()], pid, other, _KCMP_VM, 0, 0) == 0
    except OSError:
        return False


@dataclass(frozen=True)
class Mapping:
    start: int
    end: int
    file: tuple  # (st_dev, st_ino): the same object in every process that maps it, as flows.py names files
    offset: int  # of start, in the file

    def page_of(self, address: int) -> tuple:
        return (*self.file, (self.offset + address - self.start) // PAGE)

    def address_of(self, page: int) -> int:
        return self.start + page * PAGE - self.offset


def shared_mappings(pid: int) -> list[Mapping] | None:
    """The process's shared mappings (every one, whatever its file is called:
    a name proves nothing, a file can be linked under any). Those the
    protection cannot cover (a file on a disk) are said unseen by the caller."""
    found = []
    try:
        with open(f"/proc/{pid}/maps") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split(None, 5)
        if len(fields) < 5 or fields[1][3] != "s":
            continue
        start, end = (int(x, 16) for x in fields[0].split("-"))
        major, minor = (int(x, 16) for x in fields[3].split(":"))
        found.append(Mapping(start, end, (os.makedev(major, minor), int(fields[4])), int(fields[2], 16)))
    return found


def touched(pid: int, mapping: Mapping) -> bool | None:
    """Whether any page of the mapping is in the process's page tables (it read
    or wrote it there). None: cannot tell."""
    count = (mapping.end - mapping.start) // PAGE
    try:
        fd = os.open(f"/proc/{pid}/pagemap", os.O_RDONLY)
    except OSError:
        return None
    try:
        data = os.pread(fd, 8 * count, 8 * (mapping.start // PAGE))
    except OSError:
        return None
    finally:
        os.close(fd)
    return any(entry >> 62 for (entry,) in struct.iter_unpack("=Q", data[:len(data) // 8 * 8]))
