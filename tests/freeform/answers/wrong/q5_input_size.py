# task: q5
# fails: makes_pool, workers_apply_function, results_shown, ends_normally
# says: keyboard input, autograder cannot type
# The pool's size is asked for first: the program stops at input() before
# any pool is made.
import multiprocessing

def cube(x):
    return x ** 3

if __name__ == "__main__":
    size = int(input("How many workers? "))
    with multiprocessing.Pool(size) as pool:
        print(pool.map(cube, range(1, 6)))
