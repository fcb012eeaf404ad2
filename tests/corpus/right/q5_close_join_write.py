# task: q5
# Pool(4) with close()/join(); map_async; the program writes with sys.stdout.write.
import multiprocessing
import sys


def worker_function(x):
    return x * x


def square_all(numbers):
    pool = multiprocessing.Pool(4)
    try:
        return pool.map_async(worker_function, numbers).get()
    finally:
        pool.close()
        pool.join()


if __name__ == "__main__":
    sys.stdout.write(str(square_all([1, 2, 3, 4, 5])) + "\n")
