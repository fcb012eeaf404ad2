# task: q4
# fails: results_in_order
# says: wrong order
# imap_unordered: results come back in the order the workers finish them.
from multiprocessing import Pool


def parallel_map(func, items, processes=4):
    with Pool(processes) as pool:
        return list(pool.imap_unordered(func, items))


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
