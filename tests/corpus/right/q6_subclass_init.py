# task: q6
# A Process subclass whose __init__ takes the number and calls super().__init__().
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}")


class NumberProcess(multiprocessing.Process):
    def __init__(self, number):
        super().__init__()
        self.number = number

    def run(self):
        print_number(self.number)


def run_four_processes() -> list:
    procs = [NumberProcess(n) for n in range(1, 5)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return procs


if __name__ == "__main__":
    run_four_processes()
