# task: q6
# Waits by polling is_alive(), then close()s each process.
import multiprocessing
import os
import time


def print_number(number):
    time.sleep(0.2)
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
    while any(p.is_alive() for p in processes):
        time.sleep(0.01)
    for p in processes:
        p.close()
    return processes


if __name__ == "__main__":
    run_four_processes()
