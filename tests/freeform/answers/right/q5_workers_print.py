# task: q5
# advice: pool_closed, main_guard
import multiprocessing

def show_square(x):
    print(x, "squared is", x * x)

pool = multiprocessing.Pool(4)
pool.map(show_square, [1, 2, 3, 4])
