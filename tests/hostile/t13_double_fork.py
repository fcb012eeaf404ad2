# hostile: the child double-forks a daemon that tries to drop the run's marks (exec with an empty environment)
# task: q1
# fails: no_leftover_processes
# says: still running at the end
import multiprocessing
import os
import sys
import time


def send_my_pid(queue):
    queue.put(os.getpid())
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            try:
                os.execve(sys.executable, [sys.executable, "-c", "import time; time.sleep(600)"], {})
            except OSError:
                pass
            while True:
                time.sleep(0.1)
        os._exit(0)


def child_pid():
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=send_my_pid, args=(queue,))
    child.start()
    pid = queue.get()
    child.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
