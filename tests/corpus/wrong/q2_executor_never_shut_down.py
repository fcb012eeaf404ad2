# task: q2
# fails: thread_increments, thread_counter_changed
# says: had not finished, ThreadPoolExecutor's worker thread keeps running, executor.shutdown()
# The thread part uses a ThreadPoolExecutor that is never shut down: its worker thread is still
# running (waiting for more work) when counter_after_thread() returns.
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
    executor = ThreadPoolExecutor(max_workers=1)
    executor.submit(increment).result()
    return COUNTER


ANSWERS = {
    "threads_share_memory": True,
    "gil_limits_threads": True,
    "process_crash_kills_siblings": False,
    "processes_cheaper_than_threads": False,
}
