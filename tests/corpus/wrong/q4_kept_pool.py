# task: q4
# fails: no_leftover_processes
# says: still running
# Keeps its pools in a global to reuse them, so their workers never end.
from multiprocessing import Pool

_POOLS = {}


def parallel_map(func, items, processes=4):
    if processes not in _POOLS:
        _POOLS[processes] = Pool(processes)
    return _POOLS[processes].map(func, items)


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
