# task: q1
# fails: returns_child_pid, child_joined, works_under_spawn
# says: never received it, came from the Process object's .pid
# The child sends its PID as raw bytes (send_bytes), but the parent never reads the pipe: it returns .pid.
import multiprocessing
import os


def send_my_pid(conn):
    conn.send_bytes(str(os.getpid()).encode())


def child_pid() -> int:
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=send_my_pid, args=(child_end,))
    child.start()
    child.join()
    return child.pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
