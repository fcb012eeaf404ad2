# task: q6
# fails: four_children, one_line_each, true_pids, numbers_one_to_four, started_before_joined, all_joined, returns_processes, works_under_spawn
# says: __main__, bootstrapping phase
# Runs the processes at import time, without `if __name__ == "__main__":`.
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}")


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return processes


run_four_processes()
