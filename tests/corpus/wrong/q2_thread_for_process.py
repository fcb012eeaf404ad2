# task: q2
# fails: process_increments, process_counter_unchanged, works_under_spawn, quiz_process_crash_kills_siblings
# Uses a thread where a process was asked for (so the parent sees 1).
import threading

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def counter_after_process() -> int:
    worker = threading.Thread(target=increment)
    worker.start()
    worker.join()
    return COUNTER


def counter_after_thread() -> int:
    worker = threading.Thread(target=increment)
    worker.start()
    worker.join()
    return COUNTER


ANSWERS = {
    "threads_share_memory": True,
    "gil_limits_threads": True,
    "process_crash_kills_siblings": True,
    "processes_cheaper_than_threads": False,
}
