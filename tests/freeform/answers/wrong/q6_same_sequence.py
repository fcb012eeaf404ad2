# task: q6
# fails: numbers_differ
# Every child counts 0, 1, 2: they all print the same numbers.
import multiprocessing

def count(times):
    for k in range(times):
        print(k)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=count, args=(3,)) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
