# task: q6
# fails: all_joined, no_leftover_processes
# Joins only three of the four; the fourth is still busy when the function returns
# (run as a program, Python itself waits for it at exit).
import multiprocessing
import os
import time


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)
    if number == 4:
        time.sleep(5)


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
    for p in processes[:3]:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
