# task: q1
# The PID travels inside an object with a custom __reduce__ (pickled as a
# text field and rebuilt), nested in a dict; the target is a class attribute.
import multiprocessing
import os


class Stamp:
    def __init__(self, pid):
        self._pid = int(pid)

    def __reduce__(self):
        return (Stamp, (str(self._pid),))

    @property
    def pid(self):
        return self._pid


def stamp(queue):
    queue.put({"stamp": Stamp(os.getpid()), "ok": True})


class Jobs:
    target = staticmethod(stamp)


def child_pid() -> int:
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=Jobs.target, args=(queue,))
    child.start()
    got = queue.get(timeout=10)
    child.join()
    return got["stamp"].pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
