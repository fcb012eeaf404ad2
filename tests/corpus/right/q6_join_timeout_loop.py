# task: q6
# Joins with a timeout in a loop until each process has ended; stdout.write + flush.
import multiprocessing
import os
import sys
import time


def print_number(number):
    time.sleep(0.1)
    sys.stdout.write(f"Process ID: {os.getpid()} - Number: {number}\n")
    sys.stdout.flush()


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
    for p in processes:
        while p.exitcode is None:
            p.join(timeout=0.02)
    return processes


if __name__ == "__main__":
    run_four_processes()
