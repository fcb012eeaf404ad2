# task: q2
# fails: process_counter_unchanged, thread_counter_changed, works_under_spawn, quiz_answered, quiz_threads_share_memory
# Starts and joins the process and the thread, then returns what it believes
# instead of COUNTER; the quiz is left as in the stub.
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
    return 1


def counter_after_thread() -> int:
    thread = threading.Thread(target=increment)
    thread.start()
    thread.join()
    return 0


ANSWERS = {
    "threads_share_memory": None,
    "gil_limits_threads": True,
    "process_crash_kills_siblings": False,
    "processes_cheaper_than_threads": False,
}
