# task: q6
import multiprocessing

def square(n):
    print(n, "squared is", n * n)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=square, args=(n,)) for n in range(1, 5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
