# task: q6
# fails: four_children, one_line_each, true_pids, numbers_one_to_four, started_before_joined, all_joined, returns_processes, program_runs, works_under_spawn
# Off by one: range(1, 4) gives three processes.
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}")


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 4)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
