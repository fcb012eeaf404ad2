# task: q5
# fails: squares_in_workers, no_leftover_processes
# says: while the file was imported, a Pool made while the file was imported
# Pool created at import time (guarded so children do not recurse), shut down at exit only.
import multiprocessing


def worker_function(x):
    return x * x


POOL = multiprocessing.Pool(4) if multiprocessing.current_process().name == "MainProcess" else None


def square_all(numbers):
    return POOL.map(worker_function, numbers)


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
    POOL.close()
    POOL.join()
