# task: q5
# fails: pool_of_four
# says: 2 pools, of 2 and 2
# Two pools of two, each squaring half the list.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers):
    half = len(numbers) // 2
    with multiprocessing.Pool(2) as a, multiprocessing.Pool(2) as b:
        first = a.map_async(worker_function, numbers[:half])
        second = b.map_async(worker_function, numbers[half:])
        return first.get() + second.get()


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
