# task: q6
# fails: started_before_joined
# says: one after another
# Waits for each process before starting the next, through a helper whose
# is_alive() is called from the loop's condition (not written in it): still a
# loop waiting for the end. Joins all four at the end.
import multiprocessing
import os
import time


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def finished(process):
    return not process.is_alive()


def run_four_processes():
    processes = []
    for n in range(1, 5):
        p = multiprocessing.Process(target=print_number, args=(n,))
        p.start()
        while not finished(p):
            time.sleep(0.01)
        processes.append(p)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
