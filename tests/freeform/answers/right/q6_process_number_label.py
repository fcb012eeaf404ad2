# task: q6
# "Process 2: 2": the number is the process's own, the label repeats it.
import multiprocessing

def say(n):
    print(f"Process {n}: {n}")

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=say, args=(i,)) for i in range(1, 5)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
