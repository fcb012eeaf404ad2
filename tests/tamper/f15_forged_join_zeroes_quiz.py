# attack: a Q1 that never joins its child writes a join line on its record's descriptor; its quiz answers are right
# task: q1
# honest: 7
# tampered: yes
# holds: the forged record is caught, and the whole task scores zero, quiz and all, with one line of feedback
import json
import multiprocessing
import os
import time


def _send_pid(queue):
    queue.put(os.getpid())


def _record_fd():
    for name in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{name}").endswith(f"/rec/{os.getpid()}.jsonl"):
                return int(name)
        except OSError:
            continue
    return None


def child_pid():
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_send_pid, args=(queue,))
    child.start()
    pid = queue.get()
    time.sleep(0.5)  # the child has ended; nobody waits for it
    fd = _record_fd()
    if fd is not None:
        line = dict(e="join", child=child.pid, exitcode=0, pid=os.getpid(), t=time.monotonic_ns(), n=10**6)
        os.write(fd, (json.dumps(line) + "\n").encode())
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
