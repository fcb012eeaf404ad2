# task: q3
# fails: starts_process, target_runs_in_child
# says: threads
import threading

def task():
    print("working")

if __name__ == "__main__":
    t = threading.Thread(target=task)
    t.start()
    t.join()
