"""Q6: Four processes, four numbers.

Your task: write `print_number()` and `run_four_processes()` (below) so that
four processes each print a different number, 1 to 4.

Run `pytest graders/` to check your work, or `python q6_four_processes.py`
to see what it does (the lines may come in any order: the processes run at
the same time).
"""
import multiprocessing
import os


def print_number(number):
    """Runs in a child: print one line `Process ID: <pid> - Number: <number>`.

    `<pid>` is the PID of the process that prints (`os.getpid()`). Print the
    whole line with a single print call, for example with an f-string, so
    lines of different processes do not get mixed.
    """
    ### BEGIN SOLUTION
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)
    ### END SOLUTION


def run_four_processes() -> list:
    """Start four processes running `print_number` for 1, 2, 3 and 4.

    - create four `multiprocessing.Process` objects, one for each number
      (`target=print_number, args=(number,)`);
    - start all four first, then join all four (so they run at the same time);
    - return the list of the four Process objects.
    """
    ### BEGIN SOLUTION
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return processes
    ### END SOLUTION


if __name__ == "__main__":
    run_four_processes()
