# task: q3
import multiprocessing
import time


def nap():
    time.sleep(0.2)


if __name__ == "__main__":
    p = multiprocessing.Process(target=nap)
    p.start()
    print("alive after start?", p.is_alive())
    p.join()
    print("alive after join?", p.is_alive())
    print("exitcode", p.exitcode)
