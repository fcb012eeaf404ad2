# hostile: forgets to join the child (which is still busy when the function returns)
# task: q2
# fails: process_increments process_counter_unchanged works_under_spawn no_leftover_processes
# says: still running at the end | join()
import multiprocessing
import threading
import time

COUNTER = 0


def increment():
    global COUNTER
    if multiprocessing.parent_process() is not None:
        time.sleep(30)  # a child process still busy when counter_after_process returns
    COUNTER += 1


def counter_after_process():
    child = multiprocessing.Process(target=increment)
    child.start()
    return COUNTER


def counter_after_thread():
    thread = threading.Thread(target=increment)
    thread.start()
    thread.join()
    return COUNTER


ANSWERS = {"threads_share_memory": True, "gil_limits_threads": True, "process_crash_kills_siblings": False,
           "processes_cheaper_than_threads": False}
