# task: q6
# fails: started_before_joined
# says: one after another
# Sleeps a quarter of a second after each start instead of waiting: each
# process has ended long before the next is started. Joins all at the end.
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
        time.sleep(0.25)
        processes.append(p)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
