# task: q6
# Starts all four, then waits in a while loop polling is_alive() until none is
# left, and joins them (already over) at the end.
import multiprocessing
import os
import time


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    processes = []
    for n in range(1, 5):
        p = multiprocessing.Process(target=print_number, args=(n,))
        p.start()
        processes.append(p)
    while any(p.is_alive() for p in processes):
        time.sleep(0.001)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
