# task: q6
import multiprocessing

def count(start):
    for n in range(start, start + 3):
        print(n)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=count, args=(s,)) for s in (0, 3, 6, 9)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
