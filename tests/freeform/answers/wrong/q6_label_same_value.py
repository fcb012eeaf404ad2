# task: q6
# fails: numbers_differ
# says: both printed 5
# Each line starts with the process's place ("Process 2:"), but the number
# every process prints after it is the same 5: "Process i:" is a label.
import multiprocessing

def report(i):
    value = 5
    print(f"Process {i}: {value}")

if __name__ == "__main__":
    jobs = [multiprocessing.Process(target=report, args=(i,)) for i in range(1, 5)]
    for j in jobs:
        j.start()
    for j in jobs:
        j.join()
