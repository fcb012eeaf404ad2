# task: q6
# fails: returns_processes
# Returns the children's PIDs instead of the Process objects.
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
    return [p.pid for p in processes]


if __name__ == "__main__":
    run_four_processes()
