# task: q1
# The child sends its PID; the parent receives it and checks it against process.pid before returning it.
import multiprocessing
import os


def send_my_pid(queue):
    queue.put(os.getpid())


def child_pid():
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=send_my_pid, args=(queue,))
    child.start()
    pid = queue.get()
    child.join()
    assert pid == child.pid
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
