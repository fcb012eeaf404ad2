# task: q6
# Starts all four, then waits until none is alive, in a loop whose is_alive()
# calls build a list the loop then tests (a stored result: the recorder takes
# them for looks, the children stay held until the hold runs out, 1 s), then
# joins all four.
import multiprocessing
import os
import time


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


def run_four_processes():
    ps = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]
    for p in ps:
        p.start()
    while True:
        still_running = [p for p in ps if p.is_alive()]
        if not still_running:
            break
        time.sleep(0.05)
    for p in ps:
        p.join()
    return ps


if __name__ == "__main__":
    run_four_processes()
