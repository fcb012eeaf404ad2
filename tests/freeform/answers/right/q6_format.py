# task: q6
from multiprocessing import Process

def display(n):
    print("The number is {}".format(n))

if __name__ == '__main__':
    processes = [Process(target=display, args=(k,)) for k in (11, 22, 33, 44)]
    for proc in processes:
        proc.start()
    for proc in processes:
        proc.join()
