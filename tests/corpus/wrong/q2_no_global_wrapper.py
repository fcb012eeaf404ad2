# task: q2
# fails: process_increments, process_counter_unchanged, thread_increments, thread_counter_changed, works_under_spawn
# Wraps the work in its own function that forgets `global COUNTER` (UnboundLocalError in the child and the thread).
import multiprocessing
import threading

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def add_one():
    COUNTER += 1


def counter_after_process() -> int:
    process = multiprocessing.Process(target=add_one)
    process.start()
    process.join()
    return COUNTER


def counter_after_thread() -> int:
    thread = threading.Thread(target=add_one)
    thread.start()
    thread.join()
    return COUNTER


ANSWERS = {
    "threads_share_memory": True,
    "gil_limits_threads": True,
    "process_crash_kills_siblings": False,
    "processes_cheaper_than_threads": False,
}
