# hostile: the code kills its parent process (in a thread, that parent is the grader itself)
# task: q2
# fails: runs
# says: killed by signal 9
import multiprocessing
import os
import signal
import threading

COUNTER = 0


def increment():
    global COUNTER
    os.kill(os.getppid(), signal.SIGKILL)
    COUNTER += 1


def counter_after_process():
    child = multiprocessing.Process(target=increment)
    child.start()
    child.join()
    return COUNTER


def counter_after_thread():
    thread = threading.Thread(target=increment)
    thread.start()
    thread.join()
    return COUNTER


ANSWERS = {"threads_share_memory": True, "gil_limits_threads": True, "process_crash_kills_siblings": False,
           "processes_cheaper_than_threads": False}
