# task: q3
# fails: works_under_spawn
# says: pickle
# A lambda wrapping the target: fine under fork, cannot be pickled under spawn.
import multiprocessing


def my_process_func():
    print("Child process running.")


def create_process():
    process = multiprocessing.Process(target=lambda: my_process_func())
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
