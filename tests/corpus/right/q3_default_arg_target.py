# task: q3
# The target is a default argument of create_process (bound when the file is imported).
import multiprocessing


def my_process_func():
    print("Child process running.")


def create_process(target=my_process_func):
    process = multiprocessing.Process(target=target)
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
