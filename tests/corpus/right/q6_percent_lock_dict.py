# task: q6
# %-formatting under a shared Lock; the processes kept in a dict, returned as a list; freeze_support().
import multiprocessing
import os


def print_number(number, lock):
    with lock:
        print("Process ID: %d - Number: %d" % (os.getpid(), number))


def run_four_processes():
    lock = multiprocessing.Lock()
    processes = {n: multiprocessing.Process(target=print_number, args=(n, lock), name=f"worker-{n}")
                 for n in range(1, 5)}
    for process in processes.values():
        process.start()
    for process in processes.values():
        process.join()
    return list(processes.values())


if __name__ == "__main__":
    multiprocessing.freeze_support()
    run_four_processes()
