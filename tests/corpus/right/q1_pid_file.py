# task: q1
# The child writes its PID to a file, the parent reads it after the join. The grader cannot see a
# file carry the PID, but the parent never looked at the Process object's .pid: it came from the child.
import multiprocessing
import os
import tempfile


def write_my_pid(path):
    with open(path, "w") as f:
        f.write(str(os.getpid()))


def child_pid() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "child.pid")
        child = multiprocessing.Process(target=write_my_pid, args=(path,))
        child.start()
        child.join()
        with open(path) as f:
            return int(f.read())


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
