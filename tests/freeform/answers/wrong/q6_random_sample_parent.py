# task: q6
# fails: numbers_differ
# says: random.sample
# The parent draws four different numbers and hands one to each process.
# They differ, but they are random: not a number the program chose for each
# process (FREEFORM_SPEC.md: random numbers do not count, wherever drawn).
import multiprocessing
import random

def show(n):
    print("got", n)

if __name__ == "__main__":
    picks = random.sample(range(1, 101), 4)
    ps = [multiprocessing.Process(target=show, args=(n,)) for n in picks]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
