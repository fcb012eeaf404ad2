# task: q4
# terminate() in a finally block, without close(): it stops and joins the workers, on success and on error.
import multiprocessing


def parallel_map(func, items, processes):
    pool = multiprocessing.Pool(processes)
    try:
        return pool.map(func, items)
    finally:
        pool.terminate()


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
