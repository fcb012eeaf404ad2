# task: q5
# fails: makes_pool, workers_apply_function, results_shown
# says: threads
from multiprocessing.dummy import Pool

def square(x):
    return x * x

if __name__ == "__main__":
    with Pool(4) as pool:
        print(pool.map(square, [1, 2, 3]))
