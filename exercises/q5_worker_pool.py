"""Q5: A pool of 4 workers.

Your task: write `worker_function()` and `square_all()` (below) so that a
pool of 4 worker processes squares a list of numbers.

Run `pytest graders/` to check your work, or `python q5_worker_pool.py`,
which should print `[1, 4, 9, 16, 25]`.
"""
import multiprocessing


def worker_function(x):
    """Return x squared (x * x). The pool's workers run this."""
    # TODO: write your code here (the docstring above says what to do).
    raise NotImplementedError


def square_all(numbers) -> list:
    """Square every number with a pool of 4 worker processes.

    Create a `multiprocessing.Pool` with 4 workers and use its `map` method
    to apply `worker_function` to `numbers`. Return the list of results, in
    the order of `numbers`. Close the pool before you return (a `with` block
    does it for you).
    """
    # TODO: write your code here (the docstring above says what to do).
    raise NotImplementedError


if __name__ == "__main__":
    # TODO: print the result of square_all([1, 2, 3, 4, 5])
    pass
