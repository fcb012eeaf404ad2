# task: q2
# fails: process_increments, process_counter_unchanged, thread_increments, thread_counter_changed, works_under_spawn, quiz_threads_share_memory, quiz_gil_limits_threads
# Returns the expected numbers without starting a process or a thread; two quiz answers wrong.
COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def counter_after_process() -> int:
    return 0


def counter_after_thread() -> int:
    return 1


ANSWERS = {
    "threads_share_memory": False,
    "gil_limits_threads": False,
    "process_crash_kills_siblings": False,
    "processes_cheaper_than_threads": False,
}
