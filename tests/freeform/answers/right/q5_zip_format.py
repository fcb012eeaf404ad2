# task: q5
from multiprocessing import Pool


def square(x):
    return x * x


if __name__ == "__main__":
    numbers = [1, 2, 3, 4, 5]
    with Pool(processes=4) as pool:
        squares = pool.map(square, numbers)
    for n, s in zip(numbers, squares):
        print(f"{n} squared = {s}")
