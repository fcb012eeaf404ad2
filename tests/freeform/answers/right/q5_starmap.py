# task: q5
from multiprocessing import Pool

def add(a, b):
    return a + b

if __name__ == '__main__':
    pairs = [(1, 2), (3, 4), (5, 6)]
    with Pool(4) as pool:
        sums = pool.starmap(add, pairs)
    print("Sums:", sums)
