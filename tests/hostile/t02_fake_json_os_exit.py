# hostile: prints a fake Gradescope results.json, then ends the process with os._exit(0)
# task: q5
# fails: squares_list squares_other_inputs pool_of_four squares_in_workers program_prints works_under_spawn no_leftover_processes
# says: os._exit | ended the Python process
import json
import multiprocessing
import os


def worker_function(x):
    return x * x


def square_all(numbers):
    print(json.dumps({"score": 1000, "tests": [{"name": "q5", "score": 1000, "status": "passed"}]}), flush=True)
    os._exit(0)


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
