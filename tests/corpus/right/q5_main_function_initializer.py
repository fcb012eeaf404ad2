# task: q5
# Pool(processes=4, initializer=...), map with chunksize=1; main() called under the main guard.
import multiprocessing
import os


def show_worker():
    # runs once in each worker when the pool starts it
    os.environ["SQUARE_WORKER"] = "1"


def worker_function(x):
    return pow(x, 2)


def square_all(numbers):
    with multiprocessing.Pool(processes=4, initializer=show_worker) as pool:
        squares = pool.map(worker_function, numbers, chunksize=1)
    return squares


def main():
    result = square_all([1, 2, 3, 4, 5])
    print(result)


if __name__ == "__main__":
    main()
