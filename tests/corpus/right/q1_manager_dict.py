# task: q1
# A Manager().dict(): the child stores its PID under a key, the parent reads it after the join;
# the manager is shut down by hand, without `with`.
import multiprocessing
import os


def store_my_pid(shared):
    shared["pid"] = os.getpid()


def child_pid() -> int:
    manager = multiprocessing.Manager()
    shared = manager.dict()
    child = multiprocessing.Process(target=store_my_pid, args=(shared,))
    child.start()
    child.join()
    pid = shared["pid"]
    manager.shutdown()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
