# task: q1
# A one-worker Pool in a `with` block: apply() runs os.getpid in the worker, and the block's end
# terminates the worker (exit code -15 is the pool's own doing, not a crash).
import multiprocessing
import os


def child_pid() -> int:
    with multiprocessing.Pool(processes=1) as pool:
        return pool.apply(os.getpid)


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
