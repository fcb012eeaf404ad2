# task: q3
# A lambda target: fine under fork (Linux), which does not pickle the target.
import multiprocessing

if __name__ == "__main__":
    p = multiprocessing.Process(target=lambda: print("hi from a lambda"))
    p.start()
    p.join()
