# task: q6
# print_number is decorated (functools.wraps), kept in a registry, and passed
# as a default argument.
import functools
import multiprocessing
import os


def one_line(func):
    @functools.wraps(func)
    def wrapper(*args):
        return func(*args)
    return wrapper


@one_line
def print_number(number):
    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)


ACTIONS = {"print": print_number}


def run_four_processes(action=ACTIONS["print"]):
    processes = [multiprocessing.Process(target=action, args=(n,)) for n in (1, 2, 3, 4)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return processes


if __name__ == "__main__":
    run_four_processes()
