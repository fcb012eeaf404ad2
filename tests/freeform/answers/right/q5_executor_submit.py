# task: q5
from concurrent.futures import ProcessPoolExecutor


def square(x):
    return x * x


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=4) as executor:
        futures = [executor.submit(square, n) for n in [2, 3, 4]]
        for f in futures:
            print(f.result())
