# task: q5
import multiprocessing

def triple(x):
    return 3 * x

if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        async_result = pool.map_async(triple, [1, 2, 3])
        print(async_result.get(timeout=5))
