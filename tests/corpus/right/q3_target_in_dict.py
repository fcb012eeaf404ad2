# task: q3
# my_process_func is registered in a dict of jobs at import time; create_process looks it up there.
import multiprocessing


def my_process_func():
    print("Child process running.")


JOBS = {"child": my_process_func}


def create_process():
    process = multiprocessing.Process(target=JOBS["child"])
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
