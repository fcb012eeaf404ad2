# hostile: os._exit(0) at import
# task: q6
# fails: all
# says: ended the Python process | exit code 0
import multiprocessing
import os

os._exit(0)


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
