# task: q1
# fails: child_joined
# says: exited with code 1, ZeroDivisionError
# The child sends its PID through a Pipe, then crashes on a division by zero.
import multiprocessing
import os


def send_my_pid(conn):
    conn.send(os.getpid())
    print("done in", 1 / 0, "seconds")


def child_pid() -> int:
    receiver, sender = multiprocessing.Pipe()
    child = multiprocessing.Process(target=send_my_pid, args=(sender,))
    child.start()
    pid = receiver.recv()
    child.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
