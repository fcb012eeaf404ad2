# task: q3
# fails: starts_process, target_runs_in_child
import multiprocessing

def task():
    print("running task")

if __name__ == "__main__":
    p = multiprocessing.Process(target=task)
    p.start
    print("started the process")
