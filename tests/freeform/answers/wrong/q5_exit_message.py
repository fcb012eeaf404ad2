# task: q5
# fails: ends_normally
import sys
from multiprocessing import Pool

def square(x):
    return x * x

if __name__ == "__main__":
    with Pool(4) as pool:
        print(pool.map(square, [1, 2, 3]))
    sys.exit("finished")
