# task: q6
# fails: four_children
# says: exactly four
import multiprocessing

def show(n):
    print(n)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=show, args=(n,)) for n in range(5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
