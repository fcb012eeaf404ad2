# task: q6
# fails: numbers_differ
# says: random
# Random numbers are not sure to differ: the program does not give each
# process a number of its own.
import multiprocessing
import random

def show():
    print(random.randint(1, 100))

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=show) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
