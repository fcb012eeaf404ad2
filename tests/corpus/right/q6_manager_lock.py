# task: q6
# A Manager's Lock keeps the lines whole: the manager's own server process is not one of the four.
import multiprocessing
import os


def print_number(number, lock):
    with lock:
        print(f"Process ID: {os.getpid()} - Number: {number}")


def run_four_processes():
    with multiprocessing.Manager() as manager:
        lock = manager.Lock()
        processes = [multiprocessing.Process(target=print_number, args=(n, lock)) for n in range(1, 5)]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
