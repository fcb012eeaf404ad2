# task: q6
# fails: each_prints_number, numbers_differ
# says: keyboard input, fixed values
# Each child asks for its number. A child reads the same empty input as the
# program: input() raises EOFError in each, and none prints a number.
import multiprocessing

def ask(i):
    n = input(f"number for process {i}? ")
    print(n)

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=ask, args=(i,)) for i in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
