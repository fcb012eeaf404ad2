# hostile: sys.exit(0) inside the task's function
# task: q1
# fails: runs
# says: sys.exit(0) was called
import multiprocessing
import os
import sys


def send_my_pid(queue):
    queue.put(os.getpid())


def child_pid():
    sys.exit(0)


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
