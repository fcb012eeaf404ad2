# task: q1
# The child sends (an Enum member, an object with __slots__) on a SimpleQueue;
# the target is a functools.partial made at import, decorated with functools.wraps.
import enum
import functools
import multiprocessing
import os


class Kind(enum.Enum):
    PID = "pid"


class Message:
    __slots__ = ("kind", "value")

    def __init__(self, kind, value):
        self.kind, self.value = kind, value


def checked(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


@checked
def send(kind, queue):
    queue.put((kind, Message(kind, os.getpid())))


SEND_PID = functools.partial(send, Kind.PID)


def child_pid() -> int:
    queue = multiprocessing.SimpleQueue()
    child = multiprocessing.Process(target=SEND_PID, args=(queue,))
    child.start()
    kind, message = queue.get()
    child.join()
    assert kind is Kind.PID and message.kind is Kind.PID
    return message.value


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
