# task: q6
from multiprocessing import Lock, Process


def show(lock, n):
    with lock:
        print("Process number", n)


if __name__ == "__main__":
    lock = Lock()
    ps = [Process(target=show, args=(lock, n)) for n in range(1, 5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
