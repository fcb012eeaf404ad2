# attack: reads a hidden solution, the grader and the answer key, and lists the hidden folders, with os.open(name, dir_fd=<the kit folder>) and os.listdir(<a descriptor>): the audit event "open" carries the relative name only, which the hook resolves against the working folder, not against dir_fd
# task: q1
# honest: full
# landlock: off
# holds: nothing of the hidden files is read (refused by the kernel layer where it is; this file is graded without it, the audit hook alone)
import multiprocessing
import os


def _hidden(base):
    """A folder this run may not read: its environment names them."""
    for folder in os.environ.get("MPKIT_HIDDEN", "").split(os.pathsep):
        if os.path.basename(folder) == base:
            return folder
    return os.path.join("/nonexistent", base)


def _attack():
    found = []
    for base, name in (("solutions", "q5_worker_pool.py"), ("graders", "test_q5_worker_pool.py"),
                       ("config", "manifest.yaml")):
        folder = _hidden(base)
        up = os.open(os.path.dirname(folder), os.O_RDONLY | os.O_DIRECTORY)
        try:
            sub = os.open(os.path.basename(folder), os.O_RDONLY | os.O_DIRECTORY, dir_fd=up)
            try:
                found.append(sorted(os.listdir(sub)))
            finally:
                os.close(sub)
            fd = os.open(os.path.join(os.path.basename(folder), name), os.O_RDONLY, dir_fd=up)
            try:
                found.append(os.read(fd, 400).decode("utf-8", "replace"))
            finally:
                os.close(fd)
        finally:
            os.close(up)
    return found


try:
    _won = _attack() if multiprocessing.current_process().name == "MainProcess" else None
except Exception as _exc:  # refused: what follows is the honest part
    _won, _refused = None, _exc
if _won:
    raise RuntimeError(f"TAMPER-WON {_won!r}"[:1800])


def _send_pid(queue):
    queue.put(os.getpid())


def child_pid():
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_send_pid, args=(queue,))
    child.start()
    pid = queue.get()
    child.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
