# task: q5
# fails: results_shown, ends_normally
# says: ZeroDivisionError
from multiprocessing import Pool

def inverse(x):
    return 1 / x

if __name__ == "__main__":
    with Pool(4) as pool:
        print(pool.map(inverse, [1, 2, 0, 4]))
