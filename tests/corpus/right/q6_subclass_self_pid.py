# task: q6
# A Process subclass printing self.pid (in the child, its own PID) with str.format.
import multiprocessing


class Printer(multiprocessing.Process):
    def __init__(self, number):
        super().__init__()
        self.number = number

    def run(self):
        print("Process ID: {} - Number: {}".format(self.pid, self.number), flush=True)


def run_four_processes():
    processes = [Printer(n) for n in range(1, 5)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
