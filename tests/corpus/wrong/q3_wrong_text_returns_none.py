# task: q3
# fails: child_prints, returns_process, program_runs, works_under_spawn
# The child prints a slightly different line, and the Process is not returned.
import multiprocessing


def my_process_func():
    print("Child process is running")


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()


if __name__ == "__main__":
    create_process()
