# task: q4
# fails: results_in_order, quiz_workers_are_reused
# Sorts the results, so they lose the order of the items.
from multiprocessing import Pool


def parallel_map(func, items, processes=4):
    with Pool(processes) as pool:
        return sorted(pool.map(func, items))


ANSWERS = {"map_keeps_order": True, "workers_are_reused": False, "map_runs_in_parent": False}
