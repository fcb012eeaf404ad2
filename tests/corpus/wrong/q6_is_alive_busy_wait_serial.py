# task: q6
# fails: started_before_joined
# says: one after another
# Busy-waits on is_alive() after each start until the process has ended, then
# starts the next: they run one after another. Joins all four at the end.
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
        while p.is_alive():
            time.sleep(0.01)
        processes.append(p)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
