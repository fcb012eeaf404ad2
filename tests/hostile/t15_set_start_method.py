# hostile: forces the start method globally (fork), so the spawn run never uses spawn
# task: q5
# fails: works_under_spawn
# says: forced the start method to fork
import multiprocessing

multiprocessing.set_start_method("fork", force=True)


def worker_function(x):
    return x * x


def square_all(numbers):
    with multiprocessing.Pool(processes=4) as pool:
        return pool.map(worker_function, numbers)


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
