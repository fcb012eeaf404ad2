# task: q2
# The thread runs a function of the student's own that adds 1 to COUNTER
# itself, without calling increment (the caller does nothing meanwhile).
import multiprocessing
import threading

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def bump_counter():
    global COUNTER
    COUNTER = COUNTER + 1


def counter_after_process():
    p = multiprocessing.Process(target=bump_counter)
    p.start()
    p.join()
    return COUNTER


def counter_after_thread():
    worker = threading.Thread(target=bump_counter)
    worker.start()
    worker.join()
    return COUNTER


ANSWERS = {"threads_share_memory": True, "gil_limits_threads": True, "process_crash_kills_siblings": False,
           "processes_cheaper_than_threads": False}
