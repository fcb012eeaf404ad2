# task: q4
# fails: runs_in_workers, worker_count, works_under_spawn
# says: ThreadPool
# multiprocessing.pool.ThreadPool: a pool of threads in the parent, not of worker processes.
from multiprocessing.pool import ThreadPool


def parallel_map(func, items, processes=4):
    with ThreadPool(processes) as pool:
        return pool.map(func, items)


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
