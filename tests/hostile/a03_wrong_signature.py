# hostile: the function lost a parameter (parallel_map(func, items))
# task: q4
# fails: runs
# says: TypeError | positional argument
import multiprocessing


def parallel_map(func, items):
    with multiprocessing.Pool(processes=2) as pool:
        return pool.map(func, items)


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
