# task: q5
# A registry dict of operations built at import, and a functools.partial over
# the registered worker function.
import functools
import multiprocessing


def worker_function(x, power=2):
    return x ** power


OPS = {"square": worker_function}


def square_all(numbers):
    pool = multiprocessing.Pool(4)
    try:
        return pool.map(functools.partial(OPS["square"], power=2), numbers)
    finally:
        pool.close()
        pool.join()


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
