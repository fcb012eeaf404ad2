# hostile: returns its own PID, and writes a forged "returned a child's PID" line into the kit's record
# task: q1
# fails: returns_child_pid child_joined works_under_spawn
# says: PID of the parent process
import json
import multiprocessing
import os
import time


def send_my_pid(queue):
    queue.put(os.getpid())


def child_pid():
    child = multiprocessing.Process(target=send_my_pid, args=(multiprocessing.Queue(),))
    child.start()
    child.join()
    record = os.path.join(os.environ.get("MPKIT_RUN_DIR", "."), "rec", f"{os.getpid()}.jsonl")
    forged = {"e": "call_end", "pid": os.getpid(), "t": time.monotonic_ns(), "n": 10**6,
              "value": child.pid, "globals": None}
    try:
        with open(record, "a") as f:
            f.write(json.dumps(forged) + "\n")
    except OSError as exc:
        print(exc)
    return os.getpid()


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
