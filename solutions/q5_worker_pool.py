"""Q5: A pool of 4 workers.

Your task: write `worker_function()` and `square_all()` (below) so that a
pool of 4 worker processes squares a list of numbers.

Run `pytest graders/` to check your work, or `python q5_worker_pool.py`,
which should print `[1, 4, 9, 16, 25]`.
"""
import multiprocessing


def worker_function(x):
    """Return x squared (x * x). The pool's workers run this."""
    ### BEGIN SOLUTION
    return x * x
    ### END SOLUTION


def square_all(numbers) -> list:
    """Square every number with a pool of 4 worker processes.

    Create a `multiprocessing.Pool` with 4 workers and use its `map` method
    to apply `worker_function` to `numbers`. Return the list of results, in
    the order of `numbers`. Close the pool before you return (a `with` block
    does it for you).
    """
    ### BEGIN SOLUTION
    with multiprocessing.Pool(processes=4) as pool:
        return pool.map(worker_function, numbers)
    ### END SOLUTION


if __name__ == "__main__":
    ### BEGIN SOLUTION
    ### STUB: # TODO: print the result of square_all([1, 2, 3, 4, 5])
    ### STUB: pass
    print(square_all([1, 2, 3, 4, 5]))
    ### END SOLUTION
