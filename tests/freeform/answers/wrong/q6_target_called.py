# task: q6
# fails: each_prints_number, numbers_differ
# The numbers are printed by the parent, which calls show(n) itself.
import multiprocessing

def show(n):
    print(n)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=show(n)) for n in range(1, 5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
