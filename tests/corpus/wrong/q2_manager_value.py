# task: q2
# fails: process_counter_unchanged, works_under_spawn
# Keeps the count in a Manager().Value so the child's change reaches the parent (the point of the task is lost).
import multiprocessing
import threading

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def child_work(shared):
    increment()
    shared.value = COUNTER


def counter_after_process() -> int:
    global COUNTER
    with multiprocessing.Manager() as manager:
        shared = manager.Value("i", COUNTER)
        process = multiprocessing.Process(target=child_work, args=(shared,))
        process.start()
        process.join()
        COUNTER = shared.value
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
