# task: q3
from multiprocessing import Process, current_process


def who():
    print("I am", current_process().name)


if __name__ == "__main__":
    p = Process(target=who, name="MyWorker")
    p.start()
    p.join()
