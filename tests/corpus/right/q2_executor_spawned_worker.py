# task: q2
# A one-worker ProcessPoolExecutor runs increment in a child process.
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def counter_after_process() -> int:
    with ProcessPoolExecutor(max_workers=1) as executor:
        executor.submit(increment).result()
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
