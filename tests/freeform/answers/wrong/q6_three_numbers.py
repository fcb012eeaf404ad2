# task: q6
# fails: numbers_differ
# says: a number of its own
# 1 / 2 / 1, 2 / 1, 2, 3: four lists that differ, but the first three share two numbers.
# (Added after the first measurement.)
import multiprocessing

def show(*numbers):
    print(*numbers)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=show, args=a) for a in [(1,), (2,), (1, 2), (1, 2, 3)]]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
