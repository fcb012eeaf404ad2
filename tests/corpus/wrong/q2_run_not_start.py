# task: q2
# fails: process_increments, process_counter_unchanged, works_under_spawn
# Calls process.run() instead of start() (join() then refuses, so it is left out): increment runs in the parent.
import multiprocessing
import threading

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def counter_after_process() -> int:
    process = multiprocessing.Process(target=increment)
    process.run()
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
