# task: q3
# Releases the process's resources with close() after join(), as the docs suggest.
import multiprocessing


def my_process_func():
    print("Child process running.")


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()
    process.close()
    return process


if __name__ == "__main__":
    create_process()
