# task: q6
# fails: true_pids, program_runs, works_under_spawn
# Prints the parent's PID (os.getppid) instead of its own.
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getppid()} - Number: {number}")


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
