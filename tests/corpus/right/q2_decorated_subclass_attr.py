# task: q2
# increment is decorated (functools.wraps); a Thread subclass runs it through
# a class attribute, a Process subclass through a functools.partial.
import functools
import multiprocessing
import threading

COUNTER = 0


def logged(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


@logged
def increment():
    global COUNTER
    COUNTER += 1


class Bumper(threading.Thread):
    job = staticmethod(increment)

    def run(self):
        self.job()


class BumpProcess(multiprocessing.Process):
    def __init__(self):
        super().__init__(target=functools.partial(increment))


def counter_after_process():
    p = BumpProcess()
    p.start()
    p.join()
    return COUNTER


def counter_after_thread():
    t = Bumper()
    t.start()
    t.join()
    return COUNTER


ANSWERS = {"threads_share_memory": True, "gil_limits_threads": True, "process_crash_kills_siblings": False,
           "processes_cheaper_than_threads": False}
