# task: q2
# A Process subclass for the process part, a ThreadPoolExecutor for the thread part.
import multiprocessing
from concurrent.futures import ThreadPoolExecutor

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


class Incrementer(multiprocessing.Process):
    def run(self):
        increment()


def counter_after_process() -> int:
    child = Incrementer()
    child.start()
    child.join()
    return COUNTER


def counter_after_thread() -> int:
    with ThreadPoolExecutor(max_workers=1) as executor:
        executor.submit(increment).result()
    return COUNTER


ANSWERS = {
    "threads_share_memory": True,
    "gil_limits_threads": True,
    "process_crash_kills_siblings": False,
    "processes_cheaper_than_threads": False,
}
EXPLANATION = ""
