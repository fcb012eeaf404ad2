# task: q6
from multiprocessing import Process

if __name__ == "__main__":
    ps = [Process(target=print, args=(n,)) for n in range(1, 5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
