# task: q6
# fails: numbers_one_to_four, returns_processes, program_runs, works_under_spawn
# Numbers 0 to 3, and returns nothing.
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}")


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(4)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()


if __name__ == "__main__":
    run_four_processes()
