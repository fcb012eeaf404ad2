# task: q3
# fails: child_prints, program_runs, works_under_spawn
# says: os._exit
# The child prints, then ends itself with os._exit(0) (no flush of stdout).
import multiprocessing
import os


def my_process_func():
    print("Child process running.")
    os._exit(0)


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
