# task: q6
# fails: numbers_differ
# The lambdas all see the comprehension's last i: every child prints 3.
import multiprocessing

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=lambda: print(i)) for i in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
