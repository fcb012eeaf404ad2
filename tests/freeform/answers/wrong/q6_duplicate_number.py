# task: q6
# fails: numbers_differ
# says: both printed 2
import multiprocessing

def show(n):
    print("number", n)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=show, args=(n,)) for n in [1, 2, 2, 3]]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
