# task: q6
import multiprocessing
import time

def show(n):
    time.sleep(n * 0.1)
    print("number", n)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=show, args=(n,)) for n in range(1, 5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
