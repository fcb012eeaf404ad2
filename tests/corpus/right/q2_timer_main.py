# task: q2
# The process from the default context object, the thread a threading.Timer(0, ...); main() prints with file=sys.stdout, flush=True.
import multiprocessing
import sys
import threading

COUNTER = 0


def increment():
    global COUNTER
    COUNTER += 1


def counter_after_process() -> int:
    ctx = multiprocessing.get_context()
    child = ctx.Process(target=increment)
    child.start()
    child.join()
    return COUNTER


def counter_after_thread() -> int:
    timer = threading.Timer(0, increment)
    timer.start()
    timer.join()
    return COUNTER


ANSWERS = {
    "threads_share_memory": True,
    "gil_limits_threads": True,
    "process_crash_kills_siblings": False,
    "processes_cheaper_than_threads": False,
}

EXPLANATION = """A thread shares the process's memory; a child process works on its own copy."""


def main():
    print("after a process:", counter_after_process(), file=sys.stdout, flush=True)
    print("after a thread:", counter_after_thread(), file=sys.stdout, flush=True)


if __name__ == "__main__":
    main()
