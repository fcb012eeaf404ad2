# task: q1
# fails: returns_child_pid, child_joined, works_under_spawn
# says: read off its Process object
# Parent sends child.pid through one end of a Pipe and receives it on the other end.
import multiprocessing
import os


def work():
    x = 1 + 1


def child_pid():
    a, b = multiprocessing.Pipe()
    child = multiprocessing.Process(target=work)
    child.start()
    a.send(child.pid)
    pid = b.recv()
    child.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
