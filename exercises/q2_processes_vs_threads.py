"""Q2: How do processes differ from threads?

Threads of one process share its memory: when a thread changes a global
variable, every other thread sees the change. A child process gets its own
copy of the memory: what it changes stays in the child.

Your tasks:
1. Write `counter_after_process()` and `counter_after_thread()` (below) to see
   the difference for yourself.
2. Answer the quiz: replace each None in ANSWERS with True or False.
3. Explain in EXPLANATION, in your own words, how multiprocessing differs from
   multithreading (graded by your instructor, not automatically).

Run `pytest graders/` to check your work.
"""
import multiprocessing
import threading

COUNTER = 0


def increment():
    """Add 1 to the global COUNTER (in whichever process or thread runs it)."""
    global COUNTER
    COUNTER += 1


def counter_after_process() -> int:
    """Run `increment` in a child process, then return COUNTER.

    Create a `multiprocessing.Process` with target `increment`, start it and
    join it. Then return COUNTER as this (the parent) process sees it.
    What do you expect it to be?
    """
    # TODO: write your code here (the docstring above says what to do).
    raise NotImplementedError


def counter_after_thread() -> int:
    """Run `increment` in a thread, then return COUNTER.

    Create a `threading.Thread` with target `increment`, start it and join
    it. Then return COUNTER. What do you expect it to be this time?
    """
    # TODO: write your code here (the docstring above says what to do).
    raise NotImplementedError


# Quiz: replace each None with True or False.
ANSWERS = {
    # Threads of one process share its memory.
    "threads_share_memory": None,
    # In CPython, the GIL keeps threads from running Python bytecode in parallel.
    "gil_limits_threads": None,
    # If one process crashes, the other processes of the program crash with it.
    "process_crash_kills_siblings": None,
    # Starting a process is cheaper than starting a thread.
    "processes_cheaper_than_threads": None,
}

# In your own words: how does multiprocessing differ from multithreading?
EXPLANATION = """
"""

if __name__ == "__main__":
    print("after a process:", counter_after_process())
    print("after a thread:", counter_after_thread())
