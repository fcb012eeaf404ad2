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
    ### BEGIN SOLUTION
    child = multiprocessing.Process(target=increment)
    child.start()
    child.join()
    return COUNTER
    ### END SOLUTION


def counter_after_thread() -> int:
    """Run `increment` in a thread, then return COUNTER.

    Create a `threading.Thread` with target `increment`, start it and join
    it. Then return COUNTER. What do you expect it to be this time?
    """
    ### BEGIN SOLUTION
    thread = threading.Thread(target=increment)
    thread.start()
    thread.join()
    return COUNTER
    ### END SOLUTION


# Quiz: replace each None with True or False.
ANSWERS = {
    # Threads of one process share its memory.
    "threads_share_memory": True,  ### STUB: "threads_share_memory": None,
    # In CPython, the GIL keeps threads from running Python bytecode in parallel.
    "gil_limits_threads": True,  ### STUB: "gil_limits_threads": None,
    # If one process crashes, the other processes of the program crash with it.
    "process_crash_kills_siblings": False,  ### STUB: "process_crash_kills_siblings": None,
    # Starting a process is cheaper than starting a thread.
    "processes_cheaper_than_threads": False,  ### STUB: "processes_cheaper_than_threads": None,
}

# In your own words: how does multiprocessing differ from multithreading?
### BEGIN SOLUTION
### STUB: EXPLANATION = """
### STUB: """
EXPLANATION = """
Threads live inside one process and share its memory, so they communicate
easily but need locks, and in CPython the GIL lets only one of them run
Python code at a time. Processes each have their own memory and interpreter:
they run truly in parallel and a crash stays inside one process, but they
cost more to start and must send data to each other explicitly.
"""
### END SOLUTION

if __name__ == "__main__":
    print("after a process:", counter_after_process())
    print("after a thread:", counter_after_thread())
