# task: q2
# fails: process_increments, process_counter_unchanged, thread_increments, thread_counter_changed, works_under_spawn, no_leftover_processes, quiz_answered, quiz_threads_share_memory, quiz_gil_limits_threads
# says: NameError: name 'true' is not defined, Write True, with a capital T
# The code is right, but two quiz answers are written `true` (small t): importing the file fails with NameError.
import multiprocessing
import threading

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
    thread = threading.Thread(target=increment)
    thread.start()
    thread.join()
    return COUNTER


ANSWERS = {
    "threads_share_memory": true,
    "gil_limits_threads": true,
    "process_crash_kills_siblings": False,
    "processes_cheaper_than_threads": False,
}
