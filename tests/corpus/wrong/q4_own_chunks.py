# task: q4
# fails: empty_input
# Splits the items into chunks itself; the chunk size is 0 for an empty list.
import math
from multiprocessing import Pool


def parallel_map(func, items, processes=4):
    size = math.ceil(len(items) / processes)
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    with Pool(processes) as pool:
        results = []
        for chunk in chunks:
            results.extend(pool.map(func, chunk))
        return results


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
