# task: q2
# fails: thread_increments, thread_counter_changed
# says: none of them ran increment
# The thread only waits; the caller increments while it runs, then joins it.
import multiprocessing
import threading
import time

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def counter_after_process():
    p = multiprocessing.Process(target=increment)
    p.start()
    p.join()
    return COUNTER


def wait_a_bit():
    time.sleep(0.3)


def counter_after_thread():
    t = threading.Thread(target=wait_a_bit)
    t.start()
    increment()
    t.join()
    return COUNTER


ANSWERS = {"threads_share_memory": True, "gil_limits_threads": True, "process_crash_kills_siblings": False,
           "processes_cheaper_than_threads": False}
