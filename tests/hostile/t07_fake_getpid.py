# hostile: monkeypatches os.getpid so every process prints the PID 99999
# task: q6
# fails: true_pids program_runs works_under_spawn
# says: says PID 99999
import multiprocessing
import os

os.getpid = lambda: 99999


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
