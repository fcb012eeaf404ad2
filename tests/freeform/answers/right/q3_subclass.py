# task: q3
import multiprocessing


class Worker(multiprocessing.Process):
    def run(self):
        print("I am the child")


if __name__ == "__main__":
    w = Worker()
    w.start()
    w.join()
