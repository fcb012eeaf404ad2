# task: q6
# fails: one_line_each, true_pids, numbers_one_to_four, program_runs, works_under_spawn
# says: parent process printed
# target=print_number(n): the parent prints the lines itself, the children run nothing.
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}")


def run_four_processes() -> list:
    processes = [multiprocessing.Process(target=print_number(n)) for n in range(1, 5)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
