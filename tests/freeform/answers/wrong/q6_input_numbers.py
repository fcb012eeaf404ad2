# task: q6
# fails: four_children, each_prints_number, numbers_differ, ends_normally
# says: keyboard input, fixed values, line 12
# The numbers are typed at the keyboard; a grading has nobody to type them,
# so input() gets nothing (EOFError) and no process is started.
import multiprocessing

def show(n):
    print("my number is", n)

if __name__ == "__main__":
    numbers = [int(input("number for process %d: " % i)) for i in range(4)]
    procs = [multiprocessing.Process(target=show, args=(n,)) for n in numbers]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
