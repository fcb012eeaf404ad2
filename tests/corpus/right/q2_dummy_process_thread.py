# task: q2
# The default context's Process; for the thread, multiprocessing.dummy.Process (a Thread with
# the Process API). COUNTER read through globals().
import multiprocessing
import multiprocessing.dummy

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def counter_after_process():
    ctx = multiprocessing.get_context()
    process = ctx.Process(target=increment, name="incrementer")
    process.start()
    process.join()
    return globals()["COUNTER"]


def counter_after_thread():
    thread = multiprocessing.dummy.Process(target=increment)
    thread.start()
    thread.join()
    return COUNTER


ANSWERS = {"threads_share_memory": True, "gil_limits_threads": True, "process_crash_kills_siblings": False,
           "processes_cheaper_than_threads": False}
