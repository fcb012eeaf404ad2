# task: q6
# Prints whether each process is alive right after starting it (a child may
# already have ended by then: is_alive() is False, a look, not a wait), then
# joins all four in a second loop.
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    processes = []
    for n in range(1, 5):
        p = multiprocessing.Process(target=print_number, args=(n,))
        p.start()
        print(f"{p.name} alive: {p.is_alive()}")
        if not p.is_alive():
            print(f"{p.name} is already done")
        processes.append(p)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
