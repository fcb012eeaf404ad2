# task: q6
# fails: one_line_each
# says: 2 lines
# Each child prints a greeting line before its 'Process ID' line (two lines per child).
import multiprocessing
import os


def print_number(number):
    print("Hello from a child process!")
    print(f"Process ID: {os.getpid()} - Number: {number}")


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
