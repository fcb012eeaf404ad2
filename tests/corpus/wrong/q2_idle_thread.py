# task: q2
# fails: thread_increments, thread_counter_changed
# Starts and joins a thread that does nothing, then increments in the caller.
import multiprocessing
import threading

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def counter_after_process() -> int:
    child = multiprocessing.Process(target=increment)
    child.start()
    child.join()
    return COUNTER


def counter_after_thread() -> int:
    thread = threading.Thread(target=print, args=("thread running",))
    thread.start()
    thread.join()
    increment()
    return COUNTER


ANSWERS = {
    "threads_share_memory": True,
    "gil_limits_threads": True,
    "process_crash_kills_siblings": False,
    "processes_cheaper_than_threads": False,
}
