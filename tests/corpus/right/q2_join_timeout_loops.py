# task: q2
# Both the process and the thread are waited for with join(timeout=...) in a loop; daemon flags set.
import multiprocessing
import threading

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def counter_after_process() -> int:
    worker = multiprocessing.Process(target=increment, name="incrementer", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(timeout=0.05)
    return COUNTER


def counter_after_thread() -> int:
    worker = threading.Thread(target=increment, name="incrementer", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(timeout=0.05)
    return COUNTER


ANSWERS = {
    "threads_share_memory": True,
    "gil_limits_threads": True,
    "process_crash_kills_siblings": False,
    "processes_cheaper_than_threads": False,
}
