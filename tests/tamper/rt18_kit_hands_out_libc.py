# attack: reads a hidden solution through the C library, which the guard refuses to the task's code (dlsym), with the library functions the kit's own Landlock helper hands out: sys.modules["_mpkit_landlock"]._libc() looks up libc.syscall and libc.open inside a kit frame (allowed) and returns them
# task: q2
# honest: full
# landlock: off
# holds: nothing of the hidden files is read (refused by the kernel layer where it is; this file is graded without it, the audit hook alone)
# xfail: _mpkit_landlock._libc() is callable by the task's code (through sys.modules) and returns ready C functions (open, syscall: any system call, past the audit hook: files, exec, fork past the kit's process count); the guard tells the kit by the frame asking for the symbol; would stop it: the kit's C functions looked up once before any task code and kept only as default arguments or closure cells of the functions that need them (no module-level function returning them), _mpkit_landlock and _mpkit_observed dropped from sys.modules after setup, and the guard refusing dlsym from a kit frame once the run's setup is over
import multiprocessing
import os
import sys
import threading


def _hidden(base):
    for folder in os.environ.get("MPKIT_HIDDEN", "").split(os.pathsep):
        if os.path.basename(folder) == base:
            return folder
    return os.path.join("/nonexistent", base)


def _attack():
    _, libc, _syscall = sys.modules["_mpkit_landlock"]._libc()
    fd = libc.open(os.path.join(_hidden("solutions"), "q5_worker_pool.py").encode(), os.O_RDONLY)
    if fd < 0:
        return None
    try:
        return os.read(fd, 600).decode("utf-8", "replace")
    finally:
        os.close(fd)


try:
    _won = _attack() if multiprocessing.current_process().name == "MainProcess" else None
except Exception as _exc:  # refused: what follows is the honest part
    _won, _refused = None, _exc
if _won:
    raise RuntimeError(f"TAMPER-WON {_won!r}"[:1800])

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def counter_after_process() -> int:
    child = multiprocessing.Process(target=increment)
    child.start()
    child.join()
    return COUNTER


def counter_after_thread() -> int:
    thread = threading.Thread(target=increment)
    thread.start()
    thread.join()
    return COUNTER


ANSWERS = {"threads_share_memory": True, "gil_limits_threads": True, "process_crash_kills_siblings": False,
           "processes_cheaper_than_threads": False}
