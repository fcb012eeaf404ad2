# task: q4
# fails: worker_count
# says: 2 pools, of 2 and 1
# Makes a pool of `processes` "as asked" but closes it unused, and maps with a pool of 1.
import multiprocessing


def parallel_map(func, items, processes=4):
    with multiprocessing.Pool(processes) as unused:
        pass
    with multiprocessing.Pool(1) as pool:
        return pool.map(func, items)


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
