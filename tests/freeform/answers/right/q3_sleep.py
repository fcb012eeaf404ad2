# task: q3
import multiprocessing
import time

def slow_task():
    print("child: starting")
    time.sleep(0.5)
    print("child: done")

if __name__ == "__main__":
    p = multiprocessing.Process(target=slow_task)
    p.start()
    print("parent: waiting for the child")
    p.join()
    print("parent: all done")
