# task: q5
# fails: squares_in_workers, works_under_spawn
# The worker function is a default argument, but the parent squares the
# numbers itself while a pool of 4 sits idle.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers, func=worker_function):
    with multiprocessing.Pool(4):
        return [func(x) for x in numbers]


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
