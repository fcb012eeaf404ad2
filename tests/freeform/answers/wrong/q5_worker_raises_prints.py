# task: q5
# fails: workers_apply_function, results_shown, ends_normally
# says: no result came back, printed only 'sending work to the pool'
# The function fails on every input (a str plus an int), so no result comes
# back; the program did print a line before that.
from multiprocessing import Pool

def label(x):
    return "item " + x

if __name__ == "__main__":
    print("sending work to the pool")
    with Pool(4) as pool:
        print(pool.map(label, [1, 2, 3]))
