# task: q6
# A Process subclass whose run() calls print_number through a class attribute.
import multiprocessing
import os


def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


class Printer(multiprocessing.Process):
    action = staticmethod(print_number)

    def __init__(self, number):
        super().__init__()
        self.number = number

    def run(self):
        self.action(self.number)


def run_four_processes():
    processes = [Printer(n) for n in range(1, 5)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
