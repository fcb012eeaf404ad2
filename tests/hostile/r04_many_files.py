# hostile: opens thousands of files
# task: q5
# fails: all
# says: Too many open files | at most 256 files open
import multiprocessing
import os

_kept = []


def worker_function(x):
    for _ in range(5000):
        _kept.append(open(os.devnull))
    return x * x


def square_all(numbers):
    with multiprocessing.Pool(processes=4) as pool:
        return pool.map(worker_function, numbers)


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
