# attack: a Q1 whose child only pickles its PID (sent nowhere) and whose parent unpickles child.pid itself with multiprocessing's ForkingPickler, so the recorder sees a PID "sent" and one "received"
# task: q1
# honest: 4
# holds: returns_child_pid, child_joined and works_under_spawn fail: nothing crossed the kernel from the child to the parent
import multiprocessing
import os
import pickle
from multiprocessing.reduction import ForkingPickler


def send_my_pid(queue):
    ForkingPickler.dumps(os.getpid())


def child_pid():
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=send_my_pid, args=(queue,))
    child.start()
    child.join()
    return ForkingPickler.loads(pickle.dumps(child.pid))


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
