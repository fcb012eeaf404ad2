# task: q4
# fails: runs_in_workers, works_under_spawn, quiz_map_runs_in_parent
# Creates the pool but computes in the parent.
from multiprocessing import Pool


def parallel_map(func, items, processes=4):
    with Pool(processes):
        return [func(item) for item in items]


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": True}
