# task: q5
# A pool of 4 with maxtasksperchild=1 and chunksize=1: workers are replaced, still one pool of 4.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers):
    with multiprocessing.Pool(processes=4, maxtasksperchild=1) as pool:
        return pool.map(worker_function, numbers, chunksize=1)


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
