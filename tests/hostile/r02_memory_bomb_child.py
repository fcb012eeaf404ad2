# hostile: a memory bomb in the child process
# task: q1
# fails: runs
# says: MemoryError | still running after 3 s | A child process failed
# hangs: yes
import multiprocessing
import os


def send_my_pid(queue):
    squares = [0] * 10**9  # 8 GB of list, far past the memory limit of a run
    queue.put(os.getpid() + len(squares))


def child_pid():
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=send_my_pid, args=(queue,))
    child.start()
    pid = queue.get()
    child.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
