# task: q3
# The child works without printing: the question does not ask for a print.
import multiprocessing

def compute():
    total = sum(i * i for i in range(10000))
    return total

if __name__ == "__main__":
    p = multiprocessing.Process(target=compute)
    p.start()
    p.join()
    print("child exited with", p.exitcode)
