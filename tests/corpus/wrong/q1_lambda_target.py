# task: q1
# fails: works_under_spawn
# says: pickle
# A lambda as target: fine under fork, cannot be pickled under spawn.
import multiprocessing
import os


def child_pid() -> int:
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=lambda: queue.put(os.getpid()))
    child.start()
    pid = queue.get()
    child.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
