# attack: reads a hidden solution through the C library, which the guard refuses to the task's code (dlsym), with the library functions the kit's own Landlock helper hands out: sys.modules["_mpkit_landlock"]._libc() looks up libc.syscall and libc.open inside a kit frame (allowed) and returns them
# task: q2
# honest: full
# landlock: off
# holds: nothing of the hidden files is read (refused by the kernel layer where it is; this file is graded without it, the audit hook alone)
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
