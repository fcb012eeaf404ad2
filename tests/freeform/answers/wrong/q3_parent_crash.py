# task: q3
# fails: ends_normally
import multiprocessing

def task():
    print("child ok")

if __name__ == "__main__":
    p = multiprocessing.Process(target=task)
    p.start()
    p.join()
    print("exit code: " + p.exitcode)
