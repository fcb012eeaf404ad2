# task: q3
# fails: starts_process, target_runs_in_child
# The Process object is made but never started.
from multiprocessing import Process

def task():
    print("hello")

if __name__ == "__main__":
    p = Process(target=task)
    print("Process created:", p)
