# task: q6
import multiprocessing

def show(n):
    print("number", n)

if __name__ == "__main__":
    procs = [multiprocessing.Process(target=show, args=(n,)) for n in range(4)]
    [p.start() for p in procs]
    [p.join() for p in procs]
