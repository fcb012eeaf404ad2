# task: q3
from multiprocessing import *
import os

def job():
    print("child pid", os.getpid(), "parent pid", os.getppid())

if __name__ == '__main__':
    print("parent pid", os.getpid())
    proc = Process(target=job)
    proc.start()
    proc.join()
