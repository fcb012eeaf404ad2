# task: q4
# fails: exception_propagates, quiz_answered, quiz_workers_are_reused
# says: ProbeError
# Catches func's exception and returns what it has; one quiz answer left as None.
from multiprocessing import Pool


def parallel_map(func, items, processes=4):
    with Pool(processes) as pool:
        try:
            return pool.map(func, items)
        except Exception as error:
            print("parallel_map failed:", error)
            return []


ANSWERS = {"map_keeps_order": True, "workers_are_reused": None, "map_runs_in_parent": False}
