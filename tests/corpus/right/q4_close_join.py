# task: q4
# Pool without `with`: close() and join() in a finally block.
from multiprocessing import Pool


def parallel_map(func, items, processes=4):
    pool = Pool(processes)
    try:
        results = pool.map(func, items)
    finally:
        pool.close()
        pool.join()
    return results


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
