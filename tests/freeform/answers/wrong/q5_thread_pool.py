# task: q5
# fails: makes_pool, workers_apply_function, results_shown
# says: threads
from multiprocessing.pool import ThreadPool

def square(x):
    return x * x

if __name__ == "__main__":
    with ThreadPool(4) as pool:
        print(pool.map(square, [1, 2, 3]))
