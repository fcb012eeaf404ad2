# task: q6
# Starts all four, then waits on their sentinels with connection.wait until
# every one is ready, then joins all four.
import multiprocessing
import os
import time


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)

from multiprocessing.connection import wait


def run_four_processes():
    ps = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in ps:
        p.start()
    pending = [p.sentinel for p in ps]
    while pending:
        ready = wait(pending)
        for s in ready:
            pending.remove(s)
    for p in ps:
        p.join()
    return ps


if __name__ == "__main__":
    run_four_processes()
