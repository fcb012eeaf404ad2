# task: q6
# fails: one_line_each
# A full stop at the end of the line.
import multiprocessing
import os
import sys


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}.")


def run_four_processes() -> list:
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
