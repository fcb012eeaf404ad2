# task: q5
# fails: no_leftover_processes
# says: called neither join() nor terminate()
# Maps with a Pool that is never closed, joined or terminated: it is left to the garbage collector.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers):
    return multiprocessing.Pool(processes=4).map(worker_function, numbers)


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
