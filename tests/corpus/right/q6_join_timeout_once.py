# task: q6
# Starts all four, then joins each once with a timeout (the children end in
# milliseconds): join(timeout) waits on the sentinel, not with a wait call.
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=0.3)
    return processes


if __name__ == "__main__":
    run_four_processes()
