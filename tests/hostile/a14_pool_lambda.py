# hostile: Pool.map with a lambda, which fails to pickle even under fork
# task: q4
# fails: results_in_order runs_in_workers worker_count exception_propagates works_under_spawn no_leftover_processes
# says: pickle
import multiprocessing


def parallel_map(func, items, processes=4):
    with multiprocessing.Pool(processes=processes) as pool:
        return pool.map(lambda x: func(x), items)


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
