# task: q4
# fails: worker_count, quiz_map_keeps_order
# Ignores `processes`: always a pool of 2.
from multiprocessing import Pool


def parallel_map(func, items, processes=4):
    with Pool(2) as pool:
        return pool.map(func, items)


ANSWERS = {"map_keeps_order": False, "workers_are_reused": True, "map_runs_in_parent": False}
