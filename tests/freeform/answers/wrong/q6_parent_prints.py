# task: q6
# fails: each_prints_number, numbers_differ
import multiprocessing

def work():
    pass

if __name__ == "__main__":
    for i in range(4):
        p = multiprocessing.Process(target=work)
        p.start()
        print("started process", i)
        p.join()
