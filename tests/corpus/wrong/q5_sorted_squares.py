# task: q5
# fails: squares_other_inputs
# Sorts the squares "to be safe": right for [1, 2, 3, 4, 5], wrong order for other lists.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers):
    with multiprocessing.Pool(4) as pool:
        results = pool.map(worker_function, numbers)
    results.sort()
    return results


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
