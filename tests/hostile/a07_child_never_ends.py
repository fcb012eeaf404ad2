# hostile: a child that never ends
# task: q3
# fails: all
# says: still running after 3 s | stopped
# hangs: yes
import multiprocessing
import time


def my_process_func():
    print("Child process running.", flush=True)
    while True:
        time.sleep(0.1)


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
