# task: q1
# fails: returns_child_pid, child_joined, works_under_spawn
# says: parent process, not .run()
# Calls child.run() instead of child.start(): the target runs in the parent, no child is created.
import multiprocessing
import os


def send_my_pid(queue):
    queue.put(os.getpid())


def child_pid() -> int:
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=send_my_pid, args=(queue,))
    child.run()
    return queue.get()


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
