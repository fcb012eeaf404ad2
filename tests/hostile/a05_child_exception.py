# hostile: an exception inside the child process
# task: q3
# fails: child_prints child_joined program_runs works_under_spawn
# says: code 1 | printed nothing
import multiprocessing


def my_process_func():
    raise ValueError("the child broke")


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
