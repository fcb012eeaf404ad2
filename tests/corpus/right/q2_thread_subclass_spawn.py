# task: q2
# A Thread subclass overriding run(); the process from an explicit spawn context.
import multiprocessing
import threading

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


class Incrementer(threading.Thread):
    def run(self):
        increment()


def counter_after_process() -> int:
    ctx = multiprocessing.get_context("spawn")
    child = ctx.Process(target=increment)
    child.start()
    child.join()
    return COUNTER


def counter_after_thread() -> int:
    thread = Incrementer()
    thread.start()
    thread.join()
    return COUNTER


ANSWERS = dict(
    threads_share_memory=True,
    gil_limits_threads=True,
    process_crash_kills_siblings=False,
    processes_cheaper_than_threads=False,
)
