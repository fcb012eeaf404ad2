# task: q3
# fails: target_runs_in_child
# says: KeyError
import multiprocessing

ages = {"ana": 20}

def lookup():
    print("ben is", ages["ben"])

if __name__ == "__main__":
    p = multiprocessing.Process(target=lookup)
    p.start()
    p.join()
