# task: q5
# imap with chunksize 1; the program sets the spawn start method under the main guard.
import multiprocessing


def worker_function(x):
    return x ** 2


def square_all(numbers):
    with multiprocessing.Pool(processes=4) as pool:
        squares = [value for value in pool.imap(worker_function, numbers, chunksize=1)]
    return squares


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    print(square_all([1, 2, 3, 4, 5]), flush=True)
