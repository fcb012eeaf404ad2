# task: q1
# The child sends a namedtuple inside a dict inside a list through a Pipe; the
# target is looked up in a registry dict built at import.
import multiprocessing
import os
from collections import namedtuple

Reply = namedtuple("Reply", ["kind", "pid"])


def reply_with_pid(conn):
    conn.send([{"reply": Reply("pid", os.getpid())}])
    conn.close()


TASKS = {"pid": reply_with_pid}


def child_pid() -> int:
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=TASKS["pid"], args=(child_end,))
    child.start()
    [message] = parent_end.recv()
    child.join()
    return message["reply"].pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
