# task: q6
# fails: numbers_differ
# says: both printed
import multiprocessing
import os

def say():
    print("PID", os.getpid(), "number", 7)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=say) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
