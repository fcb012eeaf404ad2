# task: q4
# functools.partial of a top-level helper passed to pool.map.
import functools
import multiprocessing


def apply_one(f, x):
    return f(x)


def parallel_map(func, items, processes=4) -> list:
    job = functools.partial(apply_one, func)
    with multiprocessing.Pool(processes) as pool:
        results = pool.map(job, items)
    return results


def double(x):
    return 2 * x


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
EXPLANATION = """A pool is a set of worker processes reused for many jobs."""

if __name__ == "__main__":
    print(parallel_map(double, [1, 2, 3, 4, 5]))
