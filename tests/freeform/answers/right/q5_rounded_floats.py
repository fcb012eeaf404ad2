# task: q5
# The results are printed rounded: still the results.
import math
from multiprocessing import Pool

def root(x):
    return math.sqrt(x)

if __name__ == "__main__":
    with Pool(4) as pool:
        roots = pool.map(root, [2, 3, 5, 7])
    print([round(r, 2) for r in roots])
