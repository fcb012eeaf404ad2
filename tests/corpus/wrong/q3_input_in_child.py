# task: q3
# fails: child_joined
# says: code 1
# The child prints, then waits for Enter with input(): a child's stdin is closed, so it dies with EOFError.
import multiprocessing


def my_process_func():
    print("Child process running.")
    input("Press Enter to finish the child... ")


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
