# task: q2
# A ThreadPoolExecutor in a `with` block for the thread (its end waits for the worker thread);
# a plain Process for the child.
import multiprocessing
from concurrent.futures import ThreadPoolExecutor

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
    with ThreadPoolExecutor(max_workers=1) as executor:
        executor.submit(increment).result()
    return COUNTER


ANSWERS = {
    "threads_share_memory": True,
    "gil_limits_threads": True,
    "process_crash_kills_siblings": False,
    "processes_cheaper_than_threads": False,
}
