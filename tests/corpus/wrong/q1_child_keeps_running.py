# task: q1
# fails: child_joined, no_leftover_processes
# The child keeps working after it sent its PID, and nobody waits for it.
import multiprocessing
import os
import time


def send_my_pid(queue):
    queue.put(os.getpid())
    time.sleep(60)


def child_pid() -> int:
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=send_my_pid, args=(queue,))
    child.start()
    return queue.get()


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
