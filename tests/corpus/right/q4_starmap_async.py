# task: q4
# starmap_async(...).get() inside the with block, then join after the block.
import multiprocessing


def parallel_map(func, items, processes=4):
    pool = multiprocessing.Pool(processes=processes)
    with pool:
        pending = pool.starmap_async(func, [(item,) for item in items])
        results = pending.get(timeout=60)
    pool.join()
    return list(results)


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
