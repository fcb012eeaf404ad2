# task: q5
import multiprocessing

def inc(x):
    return x + 1

if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        print(pool.map(inc, [0, 1, 2]))
