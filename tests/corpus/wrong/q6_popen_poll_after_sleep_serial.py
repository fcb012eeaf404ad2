# task: q6
# fails: started_before_joined
# says: one after another
# Lets each process finish (a short sleep), then polls its Popen object until it
# has ended before starting the next: the first poll already finds it ended (no
# poll in vain), past join() and is_alive(); joins at the end.
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
        while p._popen.poll() is None:
            time.sleep(0.01)
        processes.append(p)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
