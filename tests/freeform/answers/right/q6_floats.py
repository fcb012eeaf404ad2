# task: q6
import multiprocessing

def show(x):
    print(x)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=show, args=(x,)) for x in (0.5, 1.5, 2.5, 3.5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
