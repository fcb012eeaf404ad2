# task: q5
# fails: program_prints
# says: it printed 'Squares:, Print the list itself
# The program squares one number too many: the line holds the right start, but not the list asked for.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers):
    with multiprocessing.Pool(4) as pool:
        return pool.map(worker_function, numbers)


if __name__ == "__main__":
    print("Squares:", square_all([1, 2, 3, 4, 5, 6]))
