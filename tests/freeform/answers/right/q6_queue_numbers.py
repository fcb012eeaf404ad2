# task: q6
# Each child takes one number from a queue: which child gets which is luck,
# but each prints a different one.
import multiprocessing

def take(q):
    n = q.get()
    print("I took", n)

if __name__ == "__main__":
    q = multiprocessing.Queue()
    for n in range(1, 5):
        q.put(n)
    ps = [multiprocessing.Process(target=take, args=(q,)) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
