# task: q5
# starmap from the default context's Pool; printed without flush.
import multiprocessing


def worker_function(x):
    result = x * x
    return result


def square_all(numbers):
    ctx = multiprocessing.get_context()
    with ctx.Pool(4) as pool:
        return pool.starmap(worker_function, zip(numbers))


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
