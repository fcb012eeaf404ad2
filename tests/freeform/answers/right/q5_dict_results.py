# task: q5
import multiprocessing

def describe(n):
    return {"n": n, "square": n * n}

if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        rows = pool.map(describe, [1, 2, 3])
    for row in rows:
        print(row)
