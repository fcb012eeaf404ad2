# task: q5
# fails: works_under_spawn
# says: forced the start method to fork
# Forces the fork start method, which macOS and Windows do not have (or not by default).
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers):
    with multiprocessing.get_context("fork").Pool(4) as pool:
        return pool.map(worker_function, numbers)


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
