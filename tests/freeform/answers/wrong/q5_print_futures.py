# task: q5
# fails: results_shown
# says: result()
from concurrent.futures import ProcessPoolExecutor

def square(x):
    return x * x

if __name__ == "__main__":
    with ProcessPoolExecutor(4) as ex:
        futures = [ex.submit(square, n) for n in range(3)]
        print(futures)
