# task: q5
# fails: workers_apply_function
# says: 1 input
import multiprocessing

def square(x):
    return x * x

if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        print(pool.apply(square, (7,)))
