# attack: a Q1 whose child writes its PID nowhere calls the recorder's sending() through sys.modules with via="Value" (p01 did it with "message", which the observer's flows overrule): the grader takes the recorder's word for shared memory, where no bytes cross the kernel, even with the observer on; the parent returns child.pid
# task: q1
# honest: 4
# measured: the same file with an empty send_my_pid: 4; with the call 8 (full), observer on and MPKIT_OBSERVE=0
# holds: returns_child_pid, child_joined and works_under_spawn fail: the child wrote its PID nowhere
import multiprocessing
import os
import sys


def send_my_pid():
    messages = sys.modules.get("_mpkit_trace_messages")
    if messages is not None:
        messages.sending(os.getpid(), "Value")


def child_pid():
    child = multiprocessing.Process(target=send_my_pid)
    child.start()
    child.join()
    return child.pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
