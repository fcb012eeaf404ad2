# task: q5
# fails: squares_in_workers, works_under_spawn
# Creates a pool of 4 but squares the numbers in the parent.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers):
    with multiprocessing.Pool(4):
        return [worker_function(x) for x in numbers]


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
