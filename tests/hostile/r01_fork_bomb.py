# hostile: a fork bomb in the child process
# task: q3
# fails: all
# says: more than 64 processes | fork bomb
# hangs: yes
# alone: yes
import multiprocessing
import os


def my_process_func():
    print("Child process running.", flush=True)
    while True:
        try:
            os.fork()
        except OSError:
            pass


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
