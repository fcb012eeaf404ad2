# task: q6
# advice: number_given
# Each child prints only os.getpid(): a number, different in each process.
import multiprocessing
import os

def show():
    print(os.getpid())

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=show) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
