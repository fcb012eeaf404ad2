# task: q1
# Raw bytes through a Pipe, no pickle: the child sends str(os.getpid()).encode() with send_bytes,
# the parent decodes what recv_bytes gives.
import multiprocessing
import os


def send_my_pid(conn):
    conn.send_bytes(str(os.getpid()).encode())
    conn.close()


def child_pid() -> int:
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=send_my_pid, args=(child_end,))
    child.start()
    pid = int(parent_end.recv_bytes().decode())
    child.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
