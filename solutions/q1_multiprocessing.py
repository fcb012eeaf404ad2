"""Q1: What is multiprocessing, and why does it help?

A *process* is a running program with its own memory. The `multiprocessing`
module starts new Python processes (child processes) from your program. Each
child has its own interpreter and its own memory, so CPU-bound work spread
over several processes can use several CPU cores at the same time.

Your tasks:
1. Write `child_pid()` (below).
2. Answer the quiz: replace each None in ANSWERS with True or False.
3. Explain in EXPLANATION, in your own words, what multiprocessing is and why
   it helps CPU-bound work (graded by your instructor, not automatically).

Run `pytest graders/` to check your work.
"""
import multiprocessing
import os


def send_my_pid(queue):
    """Runs in the child process: put this process's PID on the queue."""
    ### BEGIN SOLUTION
    queue.put(os.getpid())
    ### END SOLUTION


def child_pid() -> int:
    """Start one child process that sends its own PID back to the parent.

    Steps:
    - create a `multiprocessing.Queue()` (or a `Pipe()`);
    - create a `multiprocessing.Process` whose target is `send_my_pid`, with
      the queue as its argument, and start it;
    - get the PID the child sent back, then `join()` the child;
    - return that PID.

    The PID you return must be the child's, not this (the parent) process's
    `os.getpid()`.
    """
    ### BEGIN SOLUTION
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=send_my_pid, args=(queue,))
    child.start()
    pid = queue.get()
    child.join()
    return pid
    ### END SOLUTION


# Quiz: replace each None with True or False.
ANSWERS = {
    # Each process has its own memory space.
    "separate_memory": True,  ### STUB: "separate_memory": None,
    # Processes let CPU-bound Python code use several CPU cores at the same time.
    "uses_multiple_cores": True,  ### STUB: "uses_multiple_cores": None,
    # A global variable changed in a child process is changed in the parent too.
    "child_changes_parent_globals": False,  ### STUB: "child_changes_parent_globals": None,
}

# In your own words: what is multiprocessing, and why does it help CPU-bound work?
### BEGIN SOLUTION
### STUB: EXPLANATION = """
### STUB: """
EXPLANATION = """
Multiprocessing runs parts of a program in separate operating-system
processes. Each process has its own Python interpreter and memory, so the
GIL of one does not stop the others: CPU-bound work split across processes
runs on several cores at once and finishes sooner.
"""
### END SOLUTION

if __name__ == "__main__":
    print("child PID:", child_pid(), "- parent PID:", os.getpid())
