# task: q4
# imap (ordered) with chunksize 1, from an explicit spawn context.
import multiprocessing


def parallel_map(func, items, processes=4):
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(processes=processes) as pool:
        results = list(pool.imap(func, items, chunksize=1))
    return results


ANSWERS = {
    "map_keeps_order": True,
    "workers_are_reused": True,
    "map_runs_in_parent": False,
}
