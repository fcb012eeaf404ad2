# task: q6
# fails: numbers_differ
# says: both printed 1, 2, 3, 4
# Each child prints the whole list: four different processes, the same numbers.
# (Added after the first measurement.)
import multiprocessing

def show(numbers):
    print(numbers)

if __name__ == "__main__":
    numbers = [1, 2, 3, 4]
    ps = [multiprocessing.Process(target=show, args=(numbers,)) for _ in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
