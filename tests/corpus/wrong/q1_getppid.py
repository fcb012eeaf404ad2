# task: q1
# fails: returns_child_pid, child_joined, works_under_spawn
# says: parent process
# The child sends os.getppid() (its parent's PID) instead of os.getpid().
import multiprocessing
import os


def send_my_pid(queue):
    queue.put(os.getppid())


def child_pid() -> int:
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=send_my_pid, args=(queue,))
    child.start()
    pid = queue.get()
    child.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
