# task: q1
# A shared Array and an explicit spawn context: the child fills slot 0, the parent reads it.
import multiprocessing as mp
import os


def fill(box):
    box[0] = os.getpid()


def child_pid() -> int:
    ctx = mp.get_context("spawn")
    box = ctx.Array("l", 2)
    worker = ctx.Process(target=fill, args=(box,))
    worker.start()
    worker.join()
    return box[0]


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
