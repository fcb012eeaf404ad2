# task: q4
# imap_unordered over (index, item) pairs, results sorted back into the order of items.
import multiprocessing


def call_with_index(job):
    index, func, x = job
    return index, func(x)


def parallel_map(func, items, processes=4) -> list:
    jobs = [(i, func, x) for i, x in enumerate(items)]
    with multiprocessing.Pool(processes=processes) as pool:
        pairs = list(pool.imap_unordered(call_with_index, jobs))
    pairs.sort(key=lambda pair: pair[0])
    return [value for index, value in pairs]


def double(x):
    return 2 * x


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
EXPLANATION = """A pool is a set of worker processes reused for many jobs."""

if __name__ == "__main__":
    print(parallel_map(double, [1, 2, 3, 4, 5]))
