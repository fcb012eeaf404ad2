# task: q5
from multiprocessing import Pool

def is_even(n):
    return n % 2 == 0

if __name__ == "__main__":
    with Pool(4) as pool:
        flags = pool.map(is_even, range(20), chunksize=5)
    print(flags)
