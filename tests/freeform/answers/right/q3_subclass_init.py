# task: q3
from multiprocessing import Process


class Greeter(Process):
    def __init__(self, message):
        super().__init__()
        self.message = message

    def run(self):
        print("Greeter says:", self.message)


if __name__ == "__main__":
    g = Greeter("good morning")
    g.start()
    g.join()
