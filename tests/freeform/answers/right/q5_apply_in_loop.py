# task: q5
from multiprocessing import Pool

def half(x):
    return x / 2

if __name__ == "__main__":
    with Pool(4) as pool:
        for x in [4, 8, 15]:
            print(x, "->", pool.apply(half, (x,)))
