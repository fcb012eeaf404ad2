# task: q6
from multiprocessing import Process


def print_num(num):
    print(num)


if __name__ == "__main__":
    p1 = Process(target=print_num, args=(1,))
    p2 = Process(target=print_num, args=(2,))
    p3 = Process(target=print_num, args=(3,))
    p4 = Process(target=print_num, args=(4,))
    p1.start()
    p2.start()
    p3.start()
    p4.start()
    p1.join()
    p2.join()
    p3.join()
    p4.join()
