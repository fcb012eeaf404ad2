# task: q3
# Waits on the process's sentinel with multiprocessing.connection.wait, then join()s; os.write to fd 1 in the child.
import multiprocessing
import multiprocessing.connection
import os


def my_process_func():
    os.write(1, b"Child process running.\n")


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    multiprocessing.connection.wait([process.sentinel], timeout=5)
    process.join()
    return process


if __name__ == "__main__":
    create_process()
