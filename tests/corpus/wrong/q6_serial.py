# task: q6
# fails: started_before_joined
# says: one after another
# Joins each process before starting the next, so they run one after another.
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}")


def run_four_processes():
    processes = []
    for number in range(1, 5):
        process = multiprocessing.Process(target=print_number, args=(number,))
        process.start()
        process.join()
        processes.append(process)
    return processes


if __name__ == "__main__":
    run_four_processes()
