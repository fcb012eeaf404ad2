# task: q2
# Waits by polling is_alive() (join with a timeout inside the loop); the thread is surely done before the first poll.
import multiprocessing
import threading
import time

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def counter_after_process() -> int:
    worker = multiprocessing.Process(target=increment)
    worker.start()
    worker.join()
    return COUNTER


def counter_after_thread() -> int:
    worker = threading.Thread(target=increment, daemon=True)
    worker.start()
    time.sleep(0.2)
    while worker.is_alive():
        worker.join(timeout=0.05)
    return COUNTER


ANSWERS = {"threads_share_memory": True, "gil_limits_threads": True, "process_crash_kills_siblings": False, "processes_cheaper_than_threads": False}
