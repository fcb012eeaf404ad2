# task: q3
# fails: one_child, child_prints, child_joined, returns_process, works_under_spawn
# says: started while the file was imported, __main__
# Creates the process at import time, without `if __name__ == "__main__":`.
import multiprocessing


def my_process_func():
    print("Child process running.")


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()
    return process


create_process()
