# task: q3
# fails: one_child, child_prints, child_joined, returns_process, program_runs, works_under_spawn
# A thread instead of a process.
import threading


def my_process_func():
    print("Child process running.")


def create_process():
    worker = threading.Thread(target=my_process_func)
    worker.start()
    worker.join()
    return worker


if __name__ == "__main__":
    create_process()
