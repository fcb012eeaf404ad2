# task: q4
# fails: worker_count
# says: pools, of 1, 1 and 1, give all the work to that pool
# One Pool of 1 worker per "process", items dealt round-robin with apply_async.
import multiprocessing


def parallel_map(func, items, processes=4):
    pools = [multiprocessing.Pool(1) for _ in range(processes)]
    try:
        results = [pools[i % processes].apply_async(func, (x,)) for i, x in enumerate(items)]
        return [r.get() for r in results]
    finally:
        for p in pools:
            p.close()
            p.join()


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
