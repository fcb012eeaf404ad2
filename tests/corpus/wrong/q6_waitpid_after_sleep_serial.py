# task: q6
# fails: started_before_joined, all_joined
# says: one after another
# Lets each process finish (a short sleep), then polls os.waitpid(pid, os.WNOHANG)
# until it has ended (reaping it) before starting the next: the first poll
# already finds it ended. The join() at the end then learns no exit code.
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
        while os.waitpid(p.pid, os.WNOHANG) == (0, 0):
            time.sleep(0.01)
        processes.append(p)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
