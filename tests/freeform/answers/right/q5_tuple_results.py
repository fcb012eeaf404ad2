# task: q5
import multiprocessing

def pair(n):
    return n, n * n

if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        print(pool.map(pair, [1, 2, 3]))
