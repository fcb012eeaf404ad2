# task: q6
# Each process prints the date and time, then its own number: the clock is
# left out, the numbers 10, 20, 30, 40 differ.
import multiprocessing
from datetime import datetime

def tell(n):
    print(datetime.now(), "process number", n)
    print(datetime.now().strftime("%H:%M:%S"), "done")

if __name__ == "__main__":
    ps = [multiprocessing.Process(target=tell, args=(n,)) for n in (10, 20, 30, 40)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
