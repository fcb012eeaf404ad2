# task: q6
# Random is used only to wait a little; what each process prints is the
# number the program gave it: the random module plays no part in the numbers.
import multiprocessing
import random
import time

def show(n):
    time.sleep(random.random() / 20)
    print("number", n)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=show, args=(n,)) for n in range(1, 5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
