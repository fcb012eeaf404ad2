# task: q6
# Prints each Process object (its repr polls the child: "stopped" when it has
# already ended) right after starting it, children that end at once; joins all
# four in a second loop.
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)
    os._exit(0)


def run_four_processes():
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
        print("started", p)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
