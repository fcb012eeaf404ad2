# task: q4
# Pool(processes=..., maxtasksperchild=1): each worker does one task and is replaced.
import multiprocessing


def parallel_map(func, items, processes=4):
    with multiprocessing.Pool(processes=processes, maxtasksperchild=1) as pool:
        return pool.map(func, items)


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
