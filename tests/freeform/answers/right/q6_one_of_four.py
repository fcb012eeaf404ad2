# task: q6
# "Process 2 of 4": every process prints 4 too, but 2 is its own.
# (Added after the first measurement.)
import multiprocessing

def show(i, total):
    print(f"Process {i} of {total}")

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=show, args=(i, 4)) for i in range(1, 5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
