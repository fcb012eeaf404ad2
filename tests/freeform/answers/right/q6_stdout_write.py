# task: q6
import sys
import multiprocessing


def emit(n):
    sys.stdout.write(str(n) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    workers = [multiprocessing.Process(target=emit, args=(n,)) for n in range(1, 5)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
