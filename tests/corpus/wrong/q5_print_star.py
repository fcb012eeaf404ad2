# task: q5
# fails: program_prints
# print(*result) prints "1 4 9 16 25", not the list.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers) -> list:
    with multiprocessing.Pool(processes=4) as pool:
        return pool.map(worker_function, numbers)


if __name__ == "__main__":
    result = square_all([1, 2, 3, 4, 5])
    print(*result)
