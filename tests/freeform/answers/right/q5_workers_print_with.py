# task: q5
# The workers print; the `with` block then stops them with terminate().
import multiprocessing

def show_square(x):
    print(x, "squared is", x * x)

if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        pool.map(show_square, [1, 2, 3, 4])
