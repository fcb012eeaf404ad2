# task: q2
# fails: thread_increments, thread_counter_changed, quiz_processes_cheaper_than_threads
# Uses a process where a thread was asked for (so the parent sees 0).
import multiprocessing

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
    child = multiprocessing.Process(target=increment)
    child.start()
    child.join()
    return COUNTER


ANSWERS = {
    "threads_share_memory": True,
    "gil_limits_threads": True,
    "process_crash_kills_siblings": False,
    "processes_cheaper_than_threads": True,
}
