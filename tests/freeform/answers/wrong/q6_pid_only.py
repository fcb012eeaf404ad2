# task: q6
# fails: each_prints_number
# says: process ID
import multiprocessing
import os

def say():
    print("I am", os.getpid())

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=say) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
