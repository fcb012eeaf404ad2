# task: q3
# fails: starts_process, target_runs_in_child
# says: thread
from threading import Thread as Process

def task():
    print("I think I am a process")

if __name__ == "__main__":
    p = Process(target=task)
    p.start()
    p.join()
