# task: q4
# fails: no_leftover_processes
# says: fail_on_three
# close() and join() come after map_async(...).get(), not in a finally: when func raises,
# get() raises first and the pool's workers are left running.
import multiprocessing


def parallel_map(func, items, processes=4):
    pool = multiprocessing.Pool(processes=processes)
    results = pool.map_async(func, items).get()
    pool.close()
    pool.join()
    return results


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
