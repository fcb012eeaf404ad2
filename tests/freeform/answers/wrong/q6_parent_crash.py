# task: q6
# fails: ends_normally
import multiprocessing

def show(n):
    print(n)

if __name__ == "__main__":
    processes = [multiprocessing.Process(target=show, args=(n,)) for n in range(1, 5)]
    for p in processes:
        p.start()
    processes.join()
