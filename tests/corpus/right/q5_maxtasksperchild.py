# task: q5
# Pool(processes=4, maxtasksperchild=1): each worker squares one number and is replaced.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers):
    with multiprocessing.Pool(processes=4, maxtasksperchild=1) as pool:
        return pool.map(worker_function, numbers)


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
