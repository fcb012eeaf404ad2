"""Q4: What is a pool?

A pool (`multiprocessing.Pool`) is a group of worker processes started once
and reused: you hand it many small jobs, it shares them out among its
workers and collects the results for you.

Your tasks:
1. Write `parallel_map()` (below).
2. Answer the quiz: replace each None in ANSWERS with True or False.
3. Explain in EXPLANATION, in your own words, what a pool is and when you
   would use one (graded by your instructor, not automatically).

Run `pytest graders/` to check your work.
"""
import multiprocessing


def parallel_map(func, items, processes=4) -> list:
    """Return `[func(x) for x in items]`, computed by a pool of worker processes.

    - use a `multiprocessing.Pool` with exactly `processes` workers;
    - the results must be in the same order as `items`;
    - when you return, the pool must be finished: use `with Pool(...) as
      pool:` or call `pool.close()` and `pool.join()`;
    - if `func` raises an exception, let it reach the caller (do not catch it).

    `func` is always a function defined at the top level of a module, so it
    can be sent to the workers.
    """
    # TODO: write your code here (the docstring above says what to do).
    raise NotImplementedError


def double(x):
    """An example function to try parallel_map with."""
    return 2 * x


# Quiz: replace each None with True or False.
ANSWERS = {
    # `Pool.map` returns results in the order of its inputs.
    "map_keeps_order": None,
    # A pool reuses its worker processes for many tasks.
    "workers_are_reused": None,
    # `Pool.map` runs the function in the parent process.
    "map_runs_in_parent": None,
}

# In your own words: what is a pool, and when would you use one?
EXPLANATION = """
"""

if __name__ == "__main__":
    print(parallel_map(double, [1, 2, 3, 4, 5]))
