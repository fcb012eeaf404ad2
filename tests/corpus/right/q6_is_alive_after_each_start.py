# task: q6
# Prints whether each process is alive right after starting it (a poll, not a
# wait), then joins all four; the children end fast.
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    processes = []
    for n in range(1, 5):
        p = multiprocessing.Process(target=print_number, args=(n,))
        p.start()
        print(f"started {p.name}, alive: {p.is_alive()}")
        processes.append(p)
    while any(p.is_alive() for p in processes):
        pass
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
