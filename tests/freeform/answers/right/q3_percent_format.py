# task: q3
import os
import multiprocessing


def info(title):
    print("%s: pid=%d ppid=%d" % (title, os.getpid(), os.getppid()))


if __name__ == "__main__":
    info("main")
    p = multiprocessing.Process(target=info, args=("child",))
    p.start()
    p.join()
