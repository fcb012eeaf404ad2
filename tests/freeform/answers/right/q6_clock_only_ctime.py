# task: q6
# time.ctime() beside the number: "Wed Dec  2 19:06:58 2026 -> 1" prints 1.
import multiprocessing
import time

def tell(n):
    print(time.ctime(), "->", n)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=tell, args=(n,)) for n in range(1, 5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
