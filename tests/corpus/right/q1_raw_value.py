# task: q1
# A Value without a lock (a bare ctypes object in shared memory): the child writes its PID,
# the parent reads it after the join.
import multiprocessing
import os


def write_pid(slot):
    slot.value = os.getpid()


def child_pid() -> int:
    slot = multiprocessing.Value("i", 0, lock=False)
    child = multiprocessing.Process(target=write_pid, args=(slot,))
    child.start()
    child.join()
    return slot.value


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
