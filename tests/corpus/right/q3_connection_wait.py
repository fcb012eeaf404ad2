# task: q3
# Waits on the process's sentinel with multiprocessing.connection.wait, then joins it;
# the program prints a summary with an f-string.
import multiprocessing
from multiprocessing.connection import wait


def my_process_func():
    print("Child process running.")


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    wait([process.sentinel])
    process.join()
    return process


if __name__ == "__main__":
    finished = create_process()
    print(f"{finished.name} finished with exit code {finished.exitcode}")
