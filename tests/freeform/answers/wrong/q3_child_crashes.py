# task: q3
# fails: target_runs_in_child
# says: exit code 1
import multiprocessing

def task():
    print(10 / 0)

if __name__ == "__main__":
    p = multiprocessing.Process(target=task)
    p.start()
    p.join()
