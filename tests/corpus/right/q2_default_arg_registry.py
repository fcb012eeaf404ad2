# task: q2
# increment is taken at import: a default argument of counter_after_thread,
# and a registry dict for the process.
import multiprocessing
import threading

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


JOBS = {"increment": increment}


def counter_after_process():
    p = multiprocessing.Process(target=JOBS["increment"])
    p.start()
    p.join()
    return COUNTER


def counter_after_thread(job=increment):
    t = threading.Thread(target=job)
    t.start()
    t.join()
    return COUNTER


ANSWERS = {"threads_share_memory": True, "gil_limits_threads": True, "process_crash_kills_siblings": False,
           "processes_cheaper_than_threads": False}
