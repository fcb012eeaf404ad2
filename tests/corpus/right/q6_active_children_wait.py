# task: q6
# Waits by polling multiprocessing.active_children() until no child is left (it reaps them, as join() does).
import multiprocessing
import os
import time


def show(number):
    print(f"Process ID: {os.getpid()} - Number: {number}")


def run_four_processes():
    processes = [multiprocessing.Process(target=show, args=(n,)) for n in (1, 2, 3, 4)]
    for p in processes:
        p.start()
    while multiprocessing.active_children():
        time.sleep(0.01)
    return processes


if __name__ == "__main__":
    run_four_processes()
