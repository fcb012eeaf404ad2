# task: q5
# fails: no_leftover_processes
# Keeps one pool in a global for later calls and never closes it.
import multiprocessing

POOL = None


def worker_function(x):
    return x * x


def square_all(numbers):
    global POOL
    if POOL is None:
        POOL = multiprocessing.Pool(4)
    return POOL.map(worker_function, numbers)


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
