# task: q6
# advice: number_given
# Each process prints its PID: a number, different in each (FREEFORM_SPEC.md);
# the advice says the program could give each one its own.
import multiprocessing
import os

def say():
    print("I am", os.getpid())

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=say) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
