# task: q6
import multiprocessing

def show(n):
    print(f"{multiprocessing.current_process().name} -> {n}")

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=show, args=(n,)) for n in range(1, 5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
