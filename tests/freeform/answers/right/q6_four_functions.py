# task: q6
from multiprocessing import Process

def one():
    print(1)

def two():
    print(2)

def three():
    print(3)

def four():
    print(4)

if __name__ == "__main__":
    ps = [Process(target=f) for f in (one, two, three, four)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
