# task: q5
import multiprocessing as mp

def length(word):
    return len(word)

if __name__ == "__main__":
    words = ["pool", "worker", "process", "map"]
    with mp.Pool(4) as pool:
        lengths = sorted(pool.imap_unordered(length, words))
    print(lengths)
