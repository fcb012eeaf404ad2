# task: q5
import multiprocessing


def square(n):
    return n * n


if __name__ == "__main__":
    pool = multiprocessing.Pool(4)
    pending = [pool.apply_async(square, (i,)) for i in range(1, 6)]
    print([r.get() for r in pending])
    pool.close()
    pool.join()
