# task: q3
# fails: starts_process, target_runs_in_child
# says: start()
# run() calls the function in the parent: no process is created.
import multiprocessing

def task():
    print("running task")

if __name__ == "__main__":
    p = multiprocessing.Process(target=task)
    p.run()
