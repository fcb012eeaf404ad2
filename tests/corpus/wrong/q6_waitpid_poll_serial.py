# task: q6
# fails: started_before_joined, all_joined
# says: one after another
# Polls os.waitpid(pid, os.WNOHANG) until each process has ended (reaping it)
# before starting the next; the join() at the end then learns no exit code.
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
        while os.waitpid(p.pid, os.WNOHANG) == (0, 0):
            time.sleep(0.005)
        processes.append(p)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
