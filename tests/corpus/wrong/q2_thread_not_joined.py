# task: q2
# fails: thread_increments, thread_counter_changed
# The thread is started but never joined: it happens to be done before the function returns.
import multiprocessing
import threading

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def counter_after_process() -> int:
    p = multiprocessing.Process(target=increment)
    p.start()
    p.join()
    return COUNTER


def counter_after_thread() -> int:
    t = threading.Thread(target=increment)
    t.start()
    return COUNTER


ANSWERS = {
    "threads_share_memory": True,
    "gil_limits_threads": True,
    "process_crash_kills_siblings": False,
    "processes_cheaper_than_threads": False,
}

EXPLANATION = """
x
"""
