# task: q5
# The program prints the list after a label of its own ("Squares: [1, 4, 9, 16, 25]"); imap in a with block.
from multiprocessing.pool import Pool


def worker_function(x):
    return x * x


def square_all(numbers):
    with Pool(processes=4) as pool:
        return list(pool.imap(worker_function, numbers))


if __name__ == "__main__":
    print("Squares:", square_all([1, 2, 3, 4, 5]))
