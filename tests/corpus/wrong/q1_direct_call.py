# task: q1
# fails: returns_child_pid, child_joined, works_under_spawn, quiz_separate_memory
# Calls the target directly (no process at all), so the PID is the parent's;
# and believes processes share memory.
import multiprocessing
import os


def send_my_pid(queue):
    queue.put(os.getpid())


def child_pid() -> int:
    queue = multiprocessing.Queue()
    send_my_pid(queue)
    return queue.get()


ANSWERS = {"separate_memory": False, "uses_multiple_cores": True, "child_changes_parent_globals": False}
