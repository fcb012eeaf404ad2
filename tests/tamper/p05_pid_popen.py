# attack: a Q1 whose child sends nothing returns the PID from the Process's private Popen object (p._popen.pid), which the recorder does not watch
# task: q1
# honest: 4
# holds: returns_child_pid, child_joined and works_under_spawn fail: the kernel saw no PID travel from the child
import multiprocessing


def send_my_pid():
    pass


def child_pid():
    child = multiprocessing.Process(target=send_my_pid)
    child.start()
    child.join()
    return child._popen.pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
