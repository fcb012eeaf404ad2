# task: q6
import multiprocessing

def show(n):
    print("spawned process number", n)

if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    ps = [ctx.Process(target=show, args=(n,)) for n in range(1, 5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
