# hostile: the task's function is misnamed (get_child_pid instead of child_pid)
# task: q1
# fails: runs
# says: has no function child_pid
import multiprocessing
import os


def send_my_pid(queue):
    queue.put(os.getpid())


def get_child_pid():
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=send_my_pid, args=(queue,))
    child.start()
    pid = queue.get()
    child.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
