# hostile: os._exit(0) inside the task's function
# task: q2
# fails: thread_increments thread_counter_changed
# says: ended the Python process | os._exit
import multiprocessing
import os
import threading

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def counter_after_process():
    child = multiprocessing.Process(target=increment)
    child.start()
    child.join()
    return COUNTER


def counter_after_thread():
    os._exit(0)


ANSWERS = {"threads_share_memory": True, "gil_limits_threads": True, "process_crash_kills_siblings": False,
           "processes_cheaper_than_threads": False}
