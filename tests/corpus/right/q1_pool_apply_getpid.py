# task: q1
# A Pool of one worker process: apply() runs os.getpid in the worker; close() and join() the pool.
import multiprocessing
import os


def child_pid() -> int:
    pool = multiprocessing.Pool(processes=1)
    pid = pool.apply(os.getpid)
    pool.close()
    pool.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
