# task: q1
# fails: returns_child_pid, child_joined, works_under_spawn
# says: never received it, Return what you receive
# The child puts its PID on the queue, but the parent never reads it and returns child.pid instead.
import multiprocessing
import os


def send_my_pid(queue):
    queue.put(os.getpid())


def child_pid() -> int:
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=send_my_pid, args=(queue,))
    child.start()
    child.join()
    return child.pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
