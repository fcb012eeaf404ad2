# task: q4
# fails: worker_count
# Pool() without `processes`: one worker per CPU (os.cpu_count()), whatever the caller asked for.
import multiprocessing


def parallel_map(func, items, processes=4):
    with multiprocessing.Pool() as pool:
        return pool.map(func, items)


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
