# task: q1
# A SimpleQueue, and `return` inside try/finally so the join runs before child_pid() returns.
import multiprocessing
import os


def send_my_pid(queue):
    queue.put(os.getpid())


def child_pid() -> int:
    queue = multiprocessing.SimpleQueue()
    child = multiprocessing.Process(target=send_my_pid, args=(queue,), daemon=True)
    child.start()
    try:
        return queue.get()
    finally:
        child.join()
        queue.close()


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
