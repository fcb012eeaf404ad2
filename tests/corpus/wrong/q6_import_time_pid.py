# task: q6
# fails: true_pids, program_runs
# says: says PID
# Reads the PID once, at import: a fork child inherits the parent's value (under
# spawn the child imports the file again and so really prints its own PID).
import multiprocessing
import os

MY_PID = os.getpid()


def print_number(number):
    print(f"Process ID: {MY_PID} - Number: {number}")


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
