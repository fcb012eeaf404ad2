# task: q6
# fails: numbers_differ
# says: drawn at random, random.randint
# Each child seeds random with its own PID, so the four draws are not the
# same; but they are random, not numbers the program gives its processes,
# and two of them may come out equal: the verdict must not depend on that.
import multiprocessing
import os
import random

def lucky():
    random.seed(os.getpid())
    print("lucky number:", random.randint(1, 1000))

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=lucky) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
