# task: q4
# fails: works_under_spawn
# says: fresh interpreter
# Passes func to the workers through a global set in the parent: a fork child
# inherits it, a spawn child imports the module afresh and sees None.
from multiprocessing import Pool

_FUNC = None


def _call(item):
    return _FUNC(item)


def parallel_map(func, items, processes=4):
    global _FUNC
    _FUNC = func
    with Pool(processes) as pool:
        return pool.map(_call, items)


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
