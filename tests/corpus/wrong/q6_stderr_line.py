# task: q6
# fails: one_line_each, true_pids, numbers_one_to_four, program_runs, works_under_spawn
# says: went to standard error
# Children print their line to stderr.
import multiprocessing
import os
import sys


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", file=sys.stderr)


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
