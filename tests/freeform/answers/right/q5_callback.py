# task: q5
import multiprocessing

collected = []

def square(x):
    return x * x

def keep(result):
    collected.append(result)

if __name__ == "__main__":
    pool = multiprocessing.Pool(4)
    for i in range(5):
        pool.apply_async(square, args=(i,), callback=keep)
    pool.close()
    pool.join()
    print(sorted(collected))
