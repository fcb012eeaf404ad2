# task: q1
# A Manager().Queue() in a `with` block; the PID comes back through the manager's queue.
import multiprocessing
import os


def send_my_pid(queue):
    queue.put(os.getpid())


def child_pid() -> int:
    with multiprocessing.Manager() as manager:
        queue = manager.Queue()
        child = multiprocessing.Process(target=send_my_pid, args=(queue,))
        child.start()
        pid = queue.get(timeout=5)
        child.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
