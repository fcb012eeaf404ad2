# task: q4
# Pool with an initializer; imap with chunksize 3, results gathered in a loop.
import multiprocessing
import os

started = []


def announce():
    started.append(os.getpid())


def parallel_map(func, items, processes=4):
    results = []
    with multiprocessing.Pool(processes, initializer=announce) as pool:
        for value in pool.imap(func, items, chunksize=3):
            results.append(value)
    return results


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
