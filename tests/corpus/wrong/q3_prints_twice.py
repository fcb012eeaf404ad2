# task: q3
# fails: child_prints, program_runs, works_under_spawn
# says: to print 'Child process running.' once, printed it 2 times
# The child prints the line twice: once at the start and once "to be sure" at the end.
import multiprocessing
import time


def my_process_func():
    print("Child process running.")
    time.sleep(0.01)
    print("Child process running.")


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
