# hostile: sys.exit(0) at import
# task: q4
# fails: runs
# says: sys.exit(0) was called
import multiprocessing
import sys

sys.exit(0)


def parallel_map(func, items, processes=4):
    with multiprocessing.Pool(processes=processes) as pool:
        return pool.map(func, items)


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
