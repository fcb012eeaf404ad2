# task: q6
# fails: started_before_joined
# says: one after another
# Lets each process finish (a short sleep), then waits in a loop on is_alive()
# before starting the next: the loop's first is_alive() already finds it ended.
# Still a loop waiting for the end. Joins all four at the end.
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
        time.sleep(0.05)
        while True:
            if not p.is_alive():
                break
            time.sleep(0.01)
        processes.append(p)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
