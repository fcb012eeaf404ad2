# task: q5
# fails: results_shown
# says: .get()
import multiprocessing

def square(x):
    return x * x

if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        result = pool.map_async(square, [1, 2, 3])
        result.wait()
        print(result)
