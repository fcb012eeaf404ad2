"""Q3: Create a process.

Your task: write `my_process_func()` and `create_process()` (below), so that
a child process prints `Child process running.`

Run `pytest graders/` to check your work, or `python q3_create_process.py`
to see what it does.
"""
import multiprocessing


def my_process_func():
    """Runs in the child process: print exactly `Child process running.`"""
    ### BEGIN SOLUTION
    print("Child process running.")
    ### END SOLUTION


def create_process() -> multiprocessing.Process:
    """Create a process that runs `my_process_func`, start it, join it, return it.

    - create a `multiprocessing.Process` whose target is `my_process_func`
      (pass the function itself: `target=my_process_func`, no parentheses);
    - start it, then wait for it to finish with `join()`;
    - return the Process object.
    """
    ### BEGIN SOLUTION
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()
    return process
    ### END SOLUTION


if __name__ == "__main__":
    create_process()
