# task: q5
# apply_async for each number, then get() each result in order; the program prints with an f-string.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers):
    with multiprocessing.Pool(4) as pool:
        pending = [pool.apply_async(worker_function, (n,)) for n in numbers]
        return [result.get() for result in pending]


if __name__ == "__main__":
    squares = square_all([1, 2, 3, 4, 5])
    print(f"{squares}", flush=True)
