# task: q6
# fails: all_joined
# join(timeout=0.01) "so it cannot hang": the children (1 s of work) are still running when it returns.
# (Far apart on purpose: how long a join waits against how long a child works must not be a close race.)
import multiprocessing
import os
import time


def print_number(number):
    time.sleep(1.0)
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=0.01)
    return processes


if __name__ == "__main__":
    run_four_processes()
