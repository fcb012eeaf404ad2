# task: q6
# fails: each_prints_number, numbers_differ
import multiprocessing

def give(n):
    return n

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=give, args=(n,)) for n in range(1, 5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print("done")
