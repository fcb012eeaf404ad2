# task: q1
# The child sends its PID as text in a message through a Pipe; the parent takes the number out of it.
import multiprocessing
import os


def send_my_pid(conn):
    conn.send(f"my PID is {os.getpid()}")
    conn.close()


def child_pid() -> int:
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=send_my_pid, args=(child_end,))
    child.start()
    message = parent_end.recv()
    child.join()
    return int(message.split()[-1])


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
