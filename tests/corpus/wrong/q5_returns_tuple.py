# task: q5
# fails: squares_list, squares_other_inputs, program_prints, works_under_spawn
# says: it returned (1
# Returns a tuple of the squares instead of a list (the program prints (1, 4, 9, 16, 25)).
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers):
    with multiprocessing.Pool(4) as pool:
        return tuple(pool.map(worker_function, numbers))


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
