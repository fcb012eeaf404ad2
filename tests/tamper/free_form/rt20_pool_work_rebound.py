# attack: ff01 again, past its fix: the pool's initializer makes a new function from pool_work's own code with a copy of its module's globals in which _from_worker_loop always says yes (the module itself is left unchanged), and records with it tasks and results that never happened; the parent squares the numbers itself
# task: q5 (free-form: mpkit grade --free-form THIS_FILE)
# honest: 3 (ff01's honest version: makes_pool 2 + ends_normally 1; 6 with the attack, observer on)
# holds: workers_apply_function and results_shown fail: the workers received no work
# automated: tests/test_tamper.py (free-form attacks)
# Ans 5

import multiprocessing
import sys
import types


def square(n):
    return n * n


def setup():
    work = sys.modules["_mpkit_trace_poolwork"].pool_work
    mine = dict(work.__globals__, _from_worker_loop=lambda: True)  # a copy: the module is left as it is
    again = types.FunctionType(work.__code__, mine, "pool_work")
    for n in [1, 2, 3]:
        again((0, n, square, (n,), {}), "pool_task")
        again((0, n, (True, n * n)), "pool_result")


if __name__ == "__main__":
    with multiprocessing.Pool(4, initializer=setup) as pool:
        print([square(n) for n in [1, 2, 3]])
