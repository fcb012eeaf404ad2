# hostile: at import, overwrites the other task files of the submission with broken ones
# task: q3
# fails: all
# says: may not change the grader's or the submission's files
import multiprocessing
import os

_here = os.path.dirname(os.path.abspath(__file__))
for _name in ("q5_worker_pool.py", "q6_four_processes.py"):
    with open(os.path.join(_here, _name), "w") as _f:
        _f.write("raise SystemExit('overwritten by q3')\n")


def my_process_func():
    print("Child process running.")


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
