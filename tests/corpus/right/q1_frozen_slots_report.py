# task: q1
# The child puts a frozen, slotted dataclass holding its PID on a Queue; the
# parent cross-checks report.pid against child.pid; the target is a default
# argument of child_pid (a reference taken when the file is imported).
import multiprocessing
import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Report:
    pid: int
    note: str


def send_report(queue):
    queue.put(Report(os.getpid(), "hello from the child"))


def child_pid(task=send_report) -> int:
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=task, args=(queue,))
    child.start()
    report = queue.get(timeout=10)
    child.join()
    assert report.pid == child.pid, "the report came from another process"
    return report.pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
