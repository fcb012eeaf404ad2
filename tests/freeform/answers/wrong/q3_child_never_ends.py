# task: q3
# fails: target_runs_in_child, ends_normally
# The child loops forever; the program never ends.
import multiprocessing
import time

def forever():
    while True:
        time.sleep(0.5)

if __name__ == "__main__":
    p = multiprocessing.Process(target=forever)
    p.start()
    p.join()
