# task: q6
import multiprocessing

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=lambda n=i: print("number", n)) for i in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
