# task: q5
import multiprocessing
import os


def ready():
    print("worker", os.getpid(), "ready")


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(4, initializer=ready) as pool:
        print(pool.map(square, [1, 2, 3, 4]))
