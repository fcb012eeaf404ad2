# task: q5
# fails: pool_of_four
# A pool of 2 workers.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers):
    with multiprocessing.Pool(2) as pool:
        return pool.map(worker_function, numbers)


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
