# task: q3
# The target is a functools.partial over my_process_func, kept in a registry
# built at import.
import functools
import multiprocessing


def my_process_func(message="Child process running."):
    print(message)


REGISTRY = {"child": functools.partial(my_process_func)}


def create_process():
    process = multiprocessing.Process(target=REGISTRY["child"])
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
