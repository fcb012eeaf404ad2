# task: q3
# fails: child_prints, program_runs, works_under_spawn
# says: on standard error
# Prints the line to standard error instead of standard output.
import multiprocessing
import sys


def my_process_func():
    print("Child process running.", file=sys.stderr)


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
