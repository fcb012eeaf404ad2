# task: q5
# fails: squares_list, squares_other_inputs, pool_of_four, squares_in_workers, program_prints, works_under_spawn, no_leftover_processes
# Maps a lambda: a pool cannot send a lambda to its workers, under any start method.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers):
    with multiprocessing.Pool(4) as pool:
        return pool.map(lambda x: worker_function(x), numbers)


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
