# task: q6
# A Process subclass; print with several arguments, no flush; spawn chosen under the main guard.
import multiprocessing
import os


def print_number(number):
    print("Process ID:", os.getpid(), "- Number:", number)


class NumberPrinter(multiprocessing.Process):
    def __init__(self, number):
        super().__init__(name=f"printer-{number}")
        self.number = number

    def run(self):
        print_number(self.number)


def run_four_processes():
    printers = [NumberPrinter(n) for n in [1, 2, 3, 4]]
    for printer in printers:
        printer.start()
    for printer in printers:
        printer.join()
    return printers


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    for p in run_four_processes():
        assert p.exitcode == 0
