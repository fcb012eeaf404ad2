# task: q3
import sys
from multiprocessing import Process


def say():
    sys.stdout.write("the child says hi\n")
    sys.stdout.flush()


if __name__ == "__main__":
    p = Process(target=say)
    p.start()
    p.join()
