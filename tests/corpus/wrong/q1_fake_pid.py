# task: q1
# fails: returns_child_pid, child_joined, works_under_spawn, quiz_child_changes_parent_globals
# says: processes it started were
# Starts and joins a real child, but returns a made-up PID (the parent's plus one).
import multiprocessing
import os


def send_my_pid(queue):
    queue.put(os.getpid())


def child_pid() -> int:
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=send_my_pid, args=(queue,))
    child.start()
    queue.get()
    child.join()
    return os.getpid() + 1


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": True}
