# hostile: a deadlock: the child waits on a Queue nobody fills, the parent joins it
# task: q1
# fails: runs
# says: still running after 3 s | stopped
# hangs: yes
import multiprocessing
import os


def send_my_pid(queue):
    queue.get()  # waits for a message that never comes
    queue.put(os.getpid())


def child_pid():
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=send_my_pid, args=(queue,))
    child.start()
    child.join()
    return queue.get()


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
