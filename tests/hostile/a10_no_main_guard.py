# hostile: no __main__ guard: the processes are created at import, and again in every spawn child
# task: q6
# fails: four_children one_line_each true_pids numbers_one_to_four started_before_joined all_joined returns_processes works_under_spawn
# says: exactly four child processes
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return processes


run_four_processes()
