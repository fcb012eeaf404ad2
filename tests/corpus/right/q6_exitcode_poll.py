# task: q6
# Waits for the four by polling their exitcode instead of calling join().
import multiprocessing
import os
import time


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
    while any(p.exitcode is None for p in processes):
        time.sleep(0.01)
    return processes


if __name__ == "__main__":
    run_four_processes()
