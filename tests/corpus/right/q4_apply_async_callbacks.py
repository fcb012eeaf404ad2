# task: q4
# One apply_async per item, results stored by index from callbacks, the first error raised
# again after close() and join().
import multiprocessing


def parallel_map(func, items, processes=4):
    results = [None] * len(items)
    errors = []
    pool = multiprocessing.Pool(processes=processes)
    for index, item in enumerate(items):
        def store(value, index=index):
            results[index] = value

        pool.apply_async(func, (item,), callback=store, error_callback=errors.append)
    pool.close()
    pool.join()
    if errors:
        raise errors[0]
    return results


ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
