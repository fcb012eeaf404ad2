# task: q1
# An explicit spawn context (works under every default), join before reading the queue.
import multiprocessing
import os
import sys

CTX = multiprocessing.get_context("spawn")


def send_my_pid(queue):
    queue.put(os.getpid())
    sys.stdout.write(f"child {os.getpid()} sent its PID\n")


def child_pid() -> int:
    queue = CTX.Queue()
    child = CTX.Process(target=send_my_pid, args=(queue,), name="pid-sender")
    child.start()
    child.join()  # a PID is small: joining before get() cannot deadlock
    return queue.get(timeout=5)


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
EXPLANATION = """Processes run in parallel on several cores."""
