# task: q3
# fails: target_runs_in_child
# says: without parentheses
import multiprocessing

def task():
    print("working")

if __name__ == "__main__":
    p = multiprocessing.Process(target=task())
    p.start()
    p.join()
