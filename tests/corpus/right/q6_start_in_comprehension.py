# task: q6
# Starts inside the creating loop, joins in a list comprehension; prints with end="" (no newline).
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", end="")


def run_four_processes() -> list:
    procs = []
    for n in range(1, 5):
        p = multiprocessing.Process(target=print_number, args=(n,))
        p.start()
        procs.append(p)
    [p.join() for p in procs]
    return procs


if __name__ == "__main__":
    run_four_processes()
