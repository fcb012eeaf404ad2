# task: q3
# The default context object, a daemon child, and a join in a loop until it ended.
import multiprocessing


def my_process_func():
    print("Child process running.")


def create_process():
    ctx = multiprocessing.get_context()
    process = ctx.Process(target=my_process_func, daemon=True)
    process.start()
    while process.is_alive():
        process.join(0.05)
    return process


if __name__ == "__main__":
    create_process()
