# hostile: an exception at import (a leftover line of debugging)
# task: q2
# fails: runs
# says: import | RuntimeError: not ready yet
import multiprocessing
import threading

COUNTER = 0
raise RuntimeError("not ready yet")


def increment():
    global COUNTER
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
