"""A run's process hands the grader's tracer a userfaultfd (Linux; runs that
follow PIDs). The tracer takes its own copy at the call's exit stop and from
then on watches who writes the process's shared memory (../pagewriters.py);
the process keeps nothing (its copy is closed at once, and the seccomp filter
refuses it the calls that would set one up: _mpkit_observed).

Done by the harness once the filter is in force (the main process), by a
fork child's first at-fork step and by an exec'd process at its boot, before
any of the task's code runs there. Nothing here is a verdict: a process that
hands nothing over is one whose writes the tracer did not see, and a PID
written into memory it touched does not count.
Standard library only: /dev/userfaultfd (Linux 6.1, root) asked with an
ioctl; elsewhere the system call, through the C library's syscall(), looked
up at each call and never kept (in the task's hands it would call anything).
"""
import fcntl
import os
import platform

# userfaultfd's number, as in _mpkit_observed.MEMORY_CALLS (not imported: that module loads ctypes)
_SYSCALL = {"x86_64": 323, "aarch64": 282}.get(platform.machine())
_IOC_NEW = 0xAA00  # USERFAULTFD_IOC_NEW


def hand_over(_nr=_SYSCALL, _flags=os.O_CLOEXEC | os.O_NONBLOCK, _open=os.open, _close=os.close, _ioctl=fcntl.ioctl,
              _error=Exception):
    if _nr is None:
        return
    try:
        device = _open("/dev/userfaultfd", os.O_RDONLY | os.O_CLOEXEC)
    except _error:
        device = None
    try:
        if device is not None:
            fd = _ioctl(device, _IOC_NEW, _flags)
        else:  # ctypes costs a spawned child's start 2 ms: only where the device is missing
            import ctypes

            fd = ctypes.CDLL(None).syscall(_nr, _flags)
        if fd >= 0:
            _close(fd)
    except _error:  # never the task's trouble
        pass
    finally:
        if device is not None:
            _close(device)
