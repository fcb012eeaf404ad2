# task: q4
# fails: no_leftover_processes
# says: called close() but never join(), join() then waits
# close() without join(): the function returns while the workers may still be ending.
import multiprocessing


def parallel_map(func, items, processes):
    pool = multiprocessing.Pool(processes=processes)
    try:
        return pool.map(func, items)
    finally:
        pool.close()


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
