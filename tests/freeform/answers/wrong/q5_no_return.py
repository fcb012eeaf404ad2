# task: q5
# fails: results_shown
# The function computes but returns nothing: the program prints [None, None, None].
import multiprocessing

def square(x):
    y = x * x

if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        print(pool.map(square, [1, 2, 3]))
