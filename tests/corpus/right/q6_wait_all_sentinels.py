# task: q6
# Starts all four, waits for all of them at once on their sentinels (connection.wait), then joins.
import multiprocessing
import os
from multiprocessing.connection import wait


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
    pending = [p.sentinel for p in processes]
    while pending:
        for done in wait(pending):
            pending.remove(done)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
