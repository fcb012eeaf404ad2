# task: q6
import multiprocessing as mp

def f(n):
    print("Number", n, sep=" -> ")

if __name__ == "__main__":
    ps = [mp.Process(target=f, args=(n,)) for n in range(1, 5)]
    for p in ps: p.start()
    for p in ps: p.join()
