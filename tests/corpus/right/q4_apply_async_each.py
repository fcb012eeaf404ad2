# task: q4
# One apply_async per item; the AsyncResults are kept in item order and read with get().
import multiprocessing


def parallel_map(func, items, processes=4):
    with multiprocessing.Pool(processes=processes) as pool:
        pending = [pool.apply_async(func, (item,)) for item in items]
        return [result.get() for result in pending]


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
