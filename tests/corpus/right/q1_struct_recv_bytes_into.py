# task: q1
# The child packs its PID with struct (with a second number after it); the parent receives it into a
# buffer of its own with recv_bytes_into and unpacks it.
import multiprocessing
import os
import struct

FORMAT = "!ii"  # network byte order: PID, then a status


def send_my_pid(conn):
    conn.send_bytes(struct.pack(FORMAT, os.getpid(), 0))


def child_pid() -> int:
    receiver, sender = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.Process(target=send_my_pid, args=(sender,))
    child.start()
    buffer = bytearray(struct.calcsize(FORMAT))
    receiver.recv_bytes_into(buffer)
    child.join()
    pid, _status = struct.unpack(FORMAT, buffer)
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
