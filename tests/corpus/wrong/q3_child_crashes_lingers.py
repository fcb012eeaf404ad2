# task: q3
# fails: child_joined, no_leftover_processes
# says: code 1
# The child prints, forks a grandchild that outlives everyone, and exits with code 1.
import multiprocessing
import os
import sys
import time


def my_process_func():
    print("Child process running.", flush=True)
    if os.fork() == 0:
        time.sleep(60)
        os._exit(0)
    sys.exit(1)


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
