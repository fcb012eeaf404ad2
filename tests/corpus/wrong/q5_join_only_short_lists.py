# task: q5
# fails: no_leftover_processes
# says: running one of the hidden tests, called close() but never join()
# Joins the pool only for short lists: only the hidden test's longer list shows it, and the
# public check's message must not give that test's input away.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers):
    pool = multiprocessing.Pool(4)
    result = pool.map(worker_function, numbers)
    pool.close()
    if len(numbers) <= 5:
        pool.join()
    return result


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
