# task: q5
# fails: pool_of_four
# says: 4 pools, of 1, 1, 1 and 1
# "4 workers" read as four pools of one worker each.
import multiprocessing


def worker_function(x):
    return x * x


def square_all(numbers):
    pools = [multiprocessing.Pool(1) for _ in range(4)]
    try:
        jobs = [pools[i % 4].apply_async(worker_function, (x,)) for i, x in enumerate(numbers)]
        return [j.get() for j in jobs]
    finally:
        for p in pools:
            p.close()
            p.join()


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
