# task: q6
# fails: four_children, each_prints_number, numbers_differ, ends_normally
# says: did not run at all, line 7 of your q6 program (`def show(n)`), fix line 7
# A colon is missing: Python cannot read the program, so nothing of it runs.
from multiprocessing import Process

def show(n)
    print("number", n)

if __name__ == "__main__":
    ps = [Process(target=show, args=(n,)) for n in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
