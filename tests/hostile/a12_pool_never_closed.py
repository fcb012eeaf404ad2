# hostile: a Pool that is never closed or joined
# task: q5
# fails: no_leftover_processes
# says: still running at the end | close()
import multiprocessing


def worker_function(x):
    return x * x


POOL = None  # kept for later: the pool stays alive after square_all returns


def square_all(numbers):
    global POOL
    POOL = multiprocessing.Pool(processes=4)
    return POOL.map(worker_function, numbers)


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
