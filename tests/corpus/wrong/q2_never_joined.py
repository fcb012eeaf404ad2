# task: q2
# fails: process_increments, process_counter_unchanged, works_under_spawn, no_leftover_processes
# says: never joined
# Starts a child that increments and then lingers, and never joins it.
import multiprocessing
import threading
import time

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def increment_and_wait():
    increment()
    time.sleep(60)


def counter_after_process() -> int:
    multiprocessing.Process(target=increment_and_wait).start()
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
