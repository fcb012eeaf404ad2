# task: q6
# fails: started_before_joined
# says: one after another
# Polls each process's Popen object (sleeping 0.005 s between polls) until it has
# ended before starting the next, past join() and is_alive(); joins at the end.
import multiprocessing
import os
import time


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)
    time.sleep(0.1)  # long enough for the parent to poll it many times


def run_four_processes():
    processes = []
    for n in range(1, 5):
        p = multiprocessing.Process(target=print_number, args=(n,))
        p.start()
        while p._popen.poll() is None:
            time.sleep(0.005)
        processes.append(p)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
