# task: q6
# fails: numbers_differ
# says: drawn at random
# Seeded from the clock in every child: a new set of numbers on every run.
import multiprocessing
import random
import time

def draw(k):
    random.seed(time.time_ns() + k)
    value = random.randrange(100)
    print(value)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=draw, args=(k,)) for k in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
