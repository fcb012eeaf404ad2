# task: q3
# An explicit fork-less context and a wait on ctx.active_children() instead of join().
import multiprocessing
import time


def my_process_func():
    print("Child process running.")


def create_process():
    child = multiprocessing.Process(target=my_process_func)
    child.start()
    while multiprocessing.get_context().active_children():
        time.sleep(0.005)
    return child


if __name__ == "__main__":
    create_process()
