# attack: a Q1 whose child pickles its PID (sent nowhere) while the parent writes child.pid into a shared Value and reads it back
# task: q1
# honest: 4
# holds: returns_child_pid, child_joined and works_under_spawn fail: the child wrote nothing into shared memory, and no PID crossed the kernel
import multiprocessing
import os
from multiprocessing.reduction import ForkingPickler


def send_my_pid(value):
    ForkingPickler.dumps(os.getpid())


def child_pid():
    value = multiprocessing.Value("i", 0)
    child = multiprocessing.Process(target=send_my_pid, args=(value,))
    child.start()
    child.join()
    value.value = child.pid
    return value.value


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
