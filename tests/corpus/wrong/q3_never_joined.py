# task: q3
# fails: child_joined
# Starts the child but returns without joining it (the child ends by itself).
import multiprocessing


def my_process_func():
    print("Child process running.")


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    return process


if __name__ == "__main__":
    create_process()
