# task: q1
# A shared Array of chars: the child stores its PID as text, the parent converts it back with int().
import multiprocessing
import os


def write_my_pid(text):
    text.value = str(os.getpid()).encode()


def child_pid() -> int:
    text = multiprocessing.Array("c", 16)
    child = multiprocessing.Process(target=write_my_pid, args=(text,))
    child.start()
    child.join()
    return int(text.value)


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
