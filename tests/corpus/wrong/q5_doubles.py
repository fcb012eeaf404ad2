# task: q5
# fails: worker_function_squares, squares_list, squares_other_inputs, program_prints, works_under_spawn
# worker_function doubles instead of squaring.
import multiprocessing


def worker_function(x):
    return x * 2


def square_all(numbers):
    with multiprocessing.Pool(4) as pool:
        return pool.map(worker_function, numbers)


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
