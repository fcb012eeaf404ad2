# task: q6
import multiprocessing


def task(i):
    print("Process %d is printing the number %d" % (i, i * 10))


if __name__ == "__main__":
    ps = []
    for i in range(1, 5):
        ps.append(multiprocessing.Process(target=task, args=(i,)))
    for p in ps:
        p.start()
    for p in ps:
        p.join()
