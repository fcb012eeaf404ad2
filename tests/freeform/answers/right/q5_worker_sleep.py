# task: q5
import time
from multiprocessing import Pool

def slow_square(x):
    time.sleep(0.1)
    return x * x

if __name__ == "__main__":
    start = time.time()
    with Pool(4) as pool:
        result = pool.map(slow_square, range(8))
    print(result)
    print("took %.1f seconds" % (time.time() - start))
