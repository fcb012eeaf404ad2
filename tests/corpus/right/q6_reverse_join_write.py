# task: q6
# Processes kept in a dict; joined in reverse order; one sys.stdout.write per line.
import multiprocessing
import os
import sys


def print_number(number):
    sys.stdout.write("Process ID: %d - Number: %d\n" % (os.getpid(), number))
    sys.stdout.flush()


def run_four_processes():
    processes = {}
    for number in range(1, 5):
        processes[number] = multiprocessing.Process(target=print_number, args=(number,))
        processes[number].start()
    for number in reversed(range(1, 5)):
        processes[number].join()
    return list(processes.values())


if __name__ == "__main__":
    run_four_processes()
