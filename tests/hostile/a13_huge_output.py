# hostile: a child prints 100 MB
# task: q3
# fails: all
# says: printed more than 8 MB | output cut | Child process running.
import multiprocessing
import sys


def my_process_func():
    print("Child process running.")
    line = "x" * 1023 + "\n"
    for _ in range(100 * 1024):
        sys.stdout.write(line)


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
