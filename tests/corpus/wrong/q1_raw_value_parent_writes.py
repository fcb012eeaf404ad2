# task: q1
# fails: returns_child_pid, child_joined, works_under_spawn
# says: never sent its own PID
# A RawValue the child never touches: the parent reads process.pid after the join.
import multiprocessing
from multiprocessing.sharedctypes import RawValue


def idle(slot):
    pass


def child_pid() -> int:
    slot = RawValue("i", 0)
    child = multiprocessing.Process(target=idle, args=(slot,))
    child.start()
    child.join()
    slot.value = child.pid
    return slot.value


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
