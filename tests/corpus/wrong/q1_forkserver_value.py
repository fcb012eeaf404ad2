# task: q1
# fails: works_under_spawn
# says: forkserver
# Fixes the start method with get_context("forkserver") (there is no forkserver on Windows); the child writes its PID into a shared Value.
import multiprocessing
import os

CTX = multiprocessing.get_context("forkserver")


def send_my_pid(shared):
    shared.value = os.getpid()


def child_pid() -> int:
    shared = CTX.Value("i", 0)
    child = CTX.Process(target=send_my_pid, args=(shared,))
    child.start()
    child.join()
    return shared.value


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
