# task: q4
# fails: results_in_order, empty_input, works_under_spawn
# says: generator object
# Returns a generator over the results instead of a list.
import multiprocessing


def parallel_map(func, items, processes=4):
    with multiprocessing.Pool(processes) as pool:
        results = pool.map(func, items)
    return (value for value in results)


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
