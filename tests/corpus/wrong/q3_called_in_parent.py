# task: q3
# fails: one_child, child_prints, program_runs, works_under_spawn
# says: without parentheses
# target=my_process_func() calls the function in the parent; the child runs nothing.
import multiprocessing


def my_process_func():
    print("Child process running.")


def create_process():
    process = multiprocessing.Process(target=my_process_func())
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
