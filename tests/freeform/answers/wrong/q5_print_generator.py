# task: q5
# fails: results_shown
from concurrent.futures import ProcessPoolExecutor

def square(x):
    return x * x

if __name__ == "__main__":
    with ProcessPoolExecutor(4) as ex:
        print(ex.map(square, [1, 2, 3]))
