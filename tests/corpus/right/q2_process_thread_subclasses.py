# task: q2
# A Process subclass and a daemon Thread subclass, each calling increment in run();
# the process is closed after its join.
import multiprocessing
import threading

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


class Incrementer(multiprocessing.Process):
    def run(self):
        increment()


class IncrementerThread(threading.Thread):
    def run(self):
        increment()


def counter_after_process():
    process = Incrementer()
    process.start()
    process.join()
    process.close()
    return COUNTER


def counter_after_thread():
    thread = IncrementerThread(daemon=True)
    thread.start()
    thread.join()
    return COUNTER


ANSWERS = {"threads_share_memory": True, "gil_limits_threads": True, "process_crash_kills_siblings": False,
           "processes_cheaper_than_threads": False}
