# task: q5
# fails: squares_other_inputs, program_prints
# Always maps over [1, 2, 3, 4, 5], whatever it is given; the program prints nothing.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers):
    with multiprocessing.Pool(4) as pool:
        return pool.map(worker_function, [1, 2, 3, 4, 5])


if __name__ == "__main__":
    square_all([1, 2, 3, 4, 5])
