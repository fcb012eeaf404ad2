# task: q5
# fails: squares_in_workers, works_under_spawn
# The pool squares the numbers, then the parent calls worker_function on each again to "check" them.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers):
    with multiprocessing.Pool(4) as pool:
        results = pool.map(worker_function, numbers)
    assert results == [worker_function(x) for x in numbers]
    return results


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
