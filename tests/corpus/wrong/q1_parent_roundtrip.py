# task: q1
# fails: returns_child_pid, child_joined, works_under_spawn
# says: never sent its own PID
# The parent puts child.pid on the queue itself and reads it back; the child does nothing.
import multiprocessing
import os


def send_my_pid(queue):
    pass


def child_pid():
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=send_my_pid, args=(queue,))
    child.start()
    queue.put(child.pid)
    pid = queue.get()
    child.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
