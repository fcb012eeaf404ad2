# task: q5
# fails: makes_pool, workers_apply_function, results_shown
from concurrent.futures import ThreadPoolExecutor

def square(x):
    return x * x

if __name__ == "__main__":
    with ThreadPoolExecutor(max_workers=4) as ex:
        print(list(ex.map(square, [1, 2, 3])))
