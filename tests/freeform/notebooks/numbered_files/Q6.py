import multiprocessing

def show(n):
    print("my number is", n)

if __name__ == "__main__":
    workers = [multiprocessing.Process(target=show, args=(n,)) for n in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
