# task: q1
# fails: returns_child_pid, child_joined, works_under_spawn
# says: never sent its own PID, process.pid in the parent does not count
# The child sends nothing: child_pid() returns the Process object's .pid after the join.
import multiprocessing
import os


def send_my_pid():
    print("child", os.getpid(), "running")


def child_pid() -> int:
    child = multiprocessing.Process(target=send_my_pid)
    child.start()
    child.join()
    return child.pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
