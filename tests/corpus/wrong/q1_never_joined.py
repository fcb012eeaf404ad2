# task: q1
# fails: child_joined, quiz_answered, quiz_uses_multiple_cores
# Starts the child and reads its PID but never joins it; one quiz answer left as None.
import multiprocessing
import os


def send_my_pid(queue):
    queue.put(os.getpid())


def child_pid() -> int:
    queue = multiprocessing.Queue()
    multiprocessing.Process(target=send_my_pid, args=(queue,)).start()
    return queue.get()


ANSWERS = {"separate_memory": True, "uses_multiple_cores": None, "child_changes_parent_globals": False}
