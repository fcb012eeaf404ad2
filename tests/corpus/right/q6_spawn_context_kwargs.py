# task: q6
# An explicit spawn context, and kwargs instead of args.
import multiprocessing
import os

ctx = multiprocessing.get_context("spawn")


def print_number(number):
    line = f"Process ID: {os.getpid()} - Number: {number}"
    print(line)


def run_four_processes():
    workers = []
    for n in range(1, 5):
        worker = ctx.Process(target=print_number, kwargs={"number": n})
        workers.append(worker)
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return workers


if __name__ == "__main__":
    run_four_processes()
