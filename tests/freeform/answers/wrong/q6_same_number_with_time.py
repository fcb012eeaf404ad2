# task: q6
# fails: numbers_differ
# All four print the number 7; only the time in front differs.
import multiprocessing
import time

def show():
    print(f"[{time.time():.6f}] number 7")

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=show) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
