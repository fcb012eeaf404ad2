# task: q1
# fails: returns_child_pid, child_joined, works_under_spawn
# says: never sent its own PID
# The child sends a frozen, slotted report holding its parent's PID (not its
# own); the parent returns child.pid, read off the Process object.
import multiprocessing
import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Report:
    parent: int


def report(queue):
    queue.put(Report(os.getppid()))


def child_pid() -> int:
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=report, args=(queue,))
    child.start()
    got = queue.get(timeout=10)
    child.join()
    assert got.parent == os.getpid()
    return child.pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
