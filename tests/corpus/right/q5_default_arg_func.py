# task: q5
# The worker function is a default argument of square_all (issue 14): a
# reference taken when the file is imported.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers, func=worker_function, workers=4):
    with multiprocessing.Pool(processes=workers) as pool:
        return pool.map(func, numbers)


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
