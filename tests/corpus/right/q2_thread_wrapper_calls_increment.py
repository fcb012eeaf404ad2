# task: q2
# The thread's target is a wrapper that calls increment (the parent does nothing meanwhile).
import multiprocessing
import threading

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def run_increment():
    increment()


def counter_after_process():
    p = multiprocessing.Process(target=run_increment)
    p.start()
    p.join()
    return COUNTER


def counter_after_thread():
    t = threading.Thread(target=run_increment)
    t.start()
    t.join()
    return COUNTER


ANSWERS = {"threads_share_memory": True, "gil_limits_threads": True, "process_crash_kills_siblings": False,
           "processes_cheaper_than_threads": False}
