# task: q5
# fails: pool_of_four, squares_in_workers, works_under_spawn
# says: not workers of a multiprocessing.Pool
# concurrent.futures.ProcessPoolExecutor(max_workers=4) with executor.map, not the multiprocessing.Pool the task asks for.
import concurrent.futures


def worker_function(x):
    return x * x


def square_all(numbers):
    with concurrent.futures.ProcessPoolExecutor(max_workers=4) as executor:
        return list(executor.map(worker_function, numbers))


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
