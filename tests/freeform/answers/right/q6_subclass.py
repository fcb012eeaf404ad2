# task: q6
import multiprocessing


class NumberProcess(multiprocessing.Process):
    def __init__(self, number):
        super().__init__()
        self.number = number

    def run(self):
        print(f"{self.name} has number {self.number}")


if __name__ == "__main__":
    procs = [NumberProcess(n) for n in range(1, 5)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
