# task: q6
# Starts all four, waits for each with os.waitid (leaving it to join() to reap
# it; start() may already have reaped one that ended fast), then joins them.
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}")


def run_four_processes():
    processes = []
    for number in [1, 2, 3, 4]:
        process = multiprocessing.Process(target=print_number, args=(number,))
        process.start()
        processes.append(process)
    for process in processes:
        try:
            os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
        except ChildProcessError:
            pass  # already reaped
    for process in processes:
        process.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
