# task: q6
# Child k counts 0..k: the lists differ, and one number of each child's
# (0, 1, 2, 3) can be picked so that the four differ (FREEFORM_SPEC.md).
# (Added after the first measurement.)
import multiprocessing

def count(k):
    for i in range(k + 1):
        print(i)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=count, args=(k,)) for k in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
