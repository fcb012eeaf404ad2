# task: q3
# A Process subclass whose run() calls my_process_func; the line written with sys.stdout.write.
import multiprocessing
import sys


def my_process_func():
    sys.stdout.write("Child process running.\n")


class Child(multiprocessing.Process):
    def run(self):
        my_process_func()


def create_process():
    child = Child()
    child.start()
    child.join()
    return child


if __name__ == "__main__":
    create_process()
