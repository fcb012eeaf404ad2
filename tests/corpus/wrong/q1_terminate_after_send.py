# task: q1
# fails: child_joined
# says: exited with code -15, stopped it with terminate()
# The child sends its PID and then keeps "working"; the parent terminate()s it instead of letting it finish.
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
    pid = queue.get()
    child.terminate()
    child.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
