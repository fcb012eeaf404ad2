# attack: a Q2 whose thread does nothing: its target is a function of the file's own whose __qualname__ is set to "increment" (the recorder names a target by __module__ and __qualname__, _mpkit_trace_values.callable_name, and the grader credits a thread whose target's name ends in ".increment"); the main thread runs increment() itself while that thread waits
# task: q2
# honest: 9
# measured: the same file without the __qualname__ line; 12 with it, observer on and MPKIT_OBSERVE=0
# holds: thread_increments and thread_counter_changed fail: no thread ran increment
import multiprocessing
import threading

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def counter_after_process() -> int:
    child = multiprocessing.Process(target=increment)
    child.start()
    child.join()
    return COUNTER


_go = threading.Event()


def _idle():
    _go.wait()


_idle.__qualname__ = "increment"


def counter_after_thread() -> int:
    thread = threading.Thread(target=_idle)
    thread.start()
    increment()  # in the main thread, while the thread waits
    _go.set()
    thread.join()
    return COUNTER


ANSWERS = {"threads_share_memory": True, "gil_limits_threads": True, "process_crash_kills_siblings": False,
           "processes_cheaper_than_threads": False}
EXPLANATION = "Threads share memory; processes do not."
