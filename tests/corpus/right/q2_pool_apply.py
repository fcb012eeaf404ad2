# task: q2
# A Pool of one worker runs increment in a child process (apply), closed and joined.
import multiprocessing
import threading

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def counter_after_process() -> int:
    pool = multiprocessing.Pool(1)
    pool.apply(increment)
    pool.close()
    pool.join()
    return COUNTER


def counter_after_thread() -> int:
    thread = threading.Thread(target=increment)
    thread.start()
    thread.join()
    return COUNTER


ANSWERS = {
    "threads_share_memory": True,
    "gil_limits_threads": True,
    "process_crash_kills_siblings": False,
    "processes_cheaper_than_threads": False,
}
