# hostile: a lambda as the process target (works under fork, cannot be pickled under spawn)
# task: q1
# fails: works_under_spawn
# says: pickle | top level
import multiprocessing
import os


def send_my_pid(queue):
    queue.put(os.getpid())


def child_pid():
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=lambda: send_my_pid(queue))
    child.start()
    pid = queue.get()
    child.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
