# task: q3
# The line printed as three words with sep and end="", then a bare print() for the newline; the
# default context's Process, join(timeout=None); the program prints the exit code after.
import multiprocessing
import sys


def my_process_func():
    print("Child", "process", "running.", sep=" ", end="")
    print()
    sys.stdout.flush()


def create_process():
    ctx = multiprocessing.get_context()
    process = ctx.Process(target=my_process_func, name="child")
    process.start()
    process.join(timeout=None)
    return process


if __name__ == "__main__":
    print("exit code:", create_process().exitcode)
