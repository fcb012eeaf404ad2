# task: q3
# fails: child_prints, program_runs, works_under_spawn
# says: parent process printed it
# The child prints the line, but the parent prints it too, "to confirm" after the join.
import multiprocessing


def my_process_func():
    print("Child process running.")


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()
    print("Child process running.")
    return process


if __name__ == "__main__":
    create_process()
