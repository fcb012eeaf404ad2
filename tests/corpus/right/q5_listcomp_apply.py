# task: q5
# A list comprehension over pool.apply(worker_function, (x,)): one number at a time, but in the workers.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers) -> list:
    with multiprocessing.Pool(4) as pool:
        return [pool.apply(worker_function, (x,)) for x in numbers]


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
