# hostile: the child starts a grandchild that calls setsid() to leave the run's session, and lives on
# task: q2
# fails: no_leftover_processes
# says: still running at the end
import multiprocessing
import os
import threading
import time

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1
    if multiprocessing.parent_process() is not None and os.fork() == 0:
        os.setsid()
        while True:
            time.sleep(0.1)


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
