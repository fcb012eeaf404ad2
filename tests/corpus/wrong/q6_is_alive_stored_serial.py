# task: q6
# fails: started_before_joined
# says: one after another
# Waits for each process before starting the next, in a loop that stores
# is_alive() before the `if` that leaves it (no loop condition calls it): the
# child is held at its exit until a wait call, so the loop goes on looking
# until the hold ends, and that counts as the wait. Joins all four at the end.
import multiprocessing
import os
import time


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    processes = []
    for n in range(1, 5):
        p = multiprocessing.Process(target=print_number, args=(n,))
        p.start()
        while True:
            running = p.is_alive()
            if not running:
                break
            time.sleep(0.01)
        processes.append(p)
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
