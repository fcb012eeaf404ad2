# task: q1
# fails: returns_child_pid, child_joined, works_under_spawn
# says: never sent its own PID
# A Manager dict: the parent stores child.pid and reads it back.
import multiprocessing


def work(d):
    pass


def child_pid():
    with multiprocessing.Manager() as m:
        d = m.dict()
        child = multiprocessing.Process(target=work, args=(d,))
        child.start()
        d["pid"] = child.pid
        child.join()
        return d["pid"]


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
