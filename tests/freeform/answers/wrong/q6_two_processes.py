# task: q6
# fails: four_children
# says: 2 child processes
import multiprocessing

def show(a, b):
    print(a)
    print(b)

if __name__ == "__main__":
    p = multiprocessing.Process(target=show, args=(1, 2))
    q = multiprocessing.Process(target=show, args=(3, 4))
    p.start(); q.start()
    p.join(); q.join()
