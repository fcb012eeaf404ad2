# task: q3
import multiprocessing as mp

def hello():
    print("hello from a spawned process")

if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    p = ctx.Process(target=hello)
    p.start()
    p.join()
