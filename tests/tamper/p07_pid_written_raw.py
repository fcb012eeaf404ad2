# attack: a Q1 whose child sends its PID late into a pipe the parent has already written child.pid into with os.write (past Connection.send); the parent reads its own copy
# task: q1
# honest: 4
# holds: returns_child_pid, child_joined and works_under_spawn fail: the kernel saw the parent write the child's PID into the channel it read from
import multiprocessing
import os
import pickle
import struct
import time


def send_my_pid(conn):
    time.sleep(0.3)  # the parent's own copy goes first
    conn.send(os.getpid())


def child_pid():
    reader, writer = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.Process(target=send_my_pid, args=(writer,))
    child.start()
    data = pickle.dumps(child.pid)
    os.write(writer.fileno(), struct.pack("!i", len(data)) + data)
    pid = reader.recv()
    child.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
