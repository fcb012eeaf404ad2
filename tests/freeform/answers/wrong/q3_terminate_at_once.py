# task: q3
# fails: target_runs_in_child
# says: terminate()
# Stopped at once: whether the child ran first is luck, so it does not count.
# (Added after the first measurement.)
import multiprocessing

def task():
    print("child ran")

if __name__ == "__main__":
    p = multiprocessing.Process(target=task)
    p.start()
    p.terminate()
    p.join()
