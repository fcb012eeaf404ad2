# task: q5
# fails: workers_apply_function, results_shown, ends_normally
# says: lambda
# A lambda cannot be sent to the workers (it is pickled, under fork too).
from multiprocessing import Pool

if __name__ == "__main__":
    with Pool(4) as pool:
        print(pool.map(lambda x: x * 2, [1, 2, 3]))
