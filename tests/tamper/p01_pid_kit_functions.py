# attack: a Q1 whose child never sends its PID calls the recorder's message functions through sys.modules: "sending" its PID in the child, "receiving" child.pid in the parent
# task: q1
# honest: 4
# holds: returns_child_pid, child_joined and works_under_spawn fail: the kernel saw no PID travel from the child to the parent
import multiprocessing
import os
import sys


def send_my_pid(queue):
    messages = sys.modules.get("_mpkit_trace_messages")
    if messages is not None:
        messages.sending(os.getpid(), "message")


def child_pid():
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=send_my_pid, args=(queue,))
    child.start()
    child.join()
    messages = sys.modules.get("_mpkit_trace_messages")
    if messages is not None:
        messages.receiving(child.pid, "message")
    return child.pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
