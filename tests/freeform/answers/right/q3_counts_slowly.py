# task: q3
# Added after the blind measurement of 2026-12-04: a child that counts 0..9, a second apart, as
# many notebook answers do to show that it runs. About 10 s: it ran over the 10 s time limit and
# was stopped ("never ran to its end"). Free-form runs get 30 s (FREE_FORM_TIME_LIMIT).
import time
from multiprocessing import Process


def count():
    for i in range(10):
        print(i)
        time.sleep(1)


if __name__ == '__main__':
    p = Process(target=count)
    p.start()
    p.join()
    print("child finished counting")
