# task: q3
# fails: child_joined
# says: code -15, stopped by signal 15
# The child prints and then keeps "working"; the parent waits until it printed, then terminate()s it instead of letting it finish.
import multiprocessing
import time


def my_process_func(ready=None):
    print("Child process running.", flush=True)
    if ready is not None:
        ready.set()
    time.sleep(30)


def create_process():
    ready = multiprocessing.Event()
    process = multiprocessing.Process(target=my_process_func, args=(ready,))
    process.start()
    ready.wait(5)
    process.terminate()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
