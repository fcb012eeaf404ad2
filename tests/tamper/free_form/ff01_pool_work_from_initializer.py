# attack: a free-form Q5 answer whose Pool never gets work calls the recorder's pool_work() (a function that takes values, reached through sys.modules) from the pool's initializer, in each worker, to record tasks and results that never happened; the parent squares the numbers itself
# task: q5 (free-form: mpkit grade --free-form THIS_FILE)
# honest: 3 (the same file without the body of setup(): makes_pool 2 + ends_normally 1; measured)
# holds: workers_apply_function and results_shown fail: the workers received no work
# automated: tests/test_tamper.py (free-form attacks)
# Ans 5

import multiprocessing
import sys


def square(n):
    return n * n


def setup():
    work = sys.modules.get("_mpkit_trace_poolwork")
    if work is not None:
        for n in [1, 2, 3]:
            work.pool_work((0, n, square, (n,), {}), "pool_task")
            work.pool_work((0, n, (True, n * n)), "pool_result")


if __name__ == "__main__":
    with multiprocessing.Pool(4, initializer=setup) as pool:
        print([square(n) for n in [1, 2, 3]])
