"""The recorder's watch on PIDs passed between processes in messages.

A task may ask a child to send its PID back: the record must show that it
did, not merely that the parent returned a child's PID (process.pid is
known to the parent without any sending). Where the kernel observer follows
the run's messages (../flows.py), its view decides; this record is the
portable one. Two events:
"pid_sent" when a process sends a message holding its own PID (once for
each way it does: "message", "Value", "shared memory"),
"pid_received" when a process receives one holding the PID of a process it
started. The messages are read where they cross a connection
(Connection._send_bytes and _recv_bytes, which Pipe, Queue, SimpleQueue,
Manager proxies, Pool and executor results all go through, pickled or raw).
Values in shared memory: _mpkit_trace_shared.

A pickled message is read as pickle sent it: the integers, short texts and
short bytes of its pickle stream (_mpkit_pids, with which the kernel
observer reads the bytes crossing the kernel too), so a PID is seen inside
any picklable structure (a slotted class, a namedtuple, a frozen dataclass, an enum, a custom
__reduce__, nested containers), at any depth. It costs little: the stream is
first searched (a C-speed substring search) for the few byte patterns a
wanted PID can take (its digits, its bytes in either order); only a stream
holding one is walked, and only for those PIDs.
Standard library only (see _mpkit_trace.py).
"""
import re

from _mpkit_pids import SMALL, bytes_numbers, wire_pids
from _mpkit_trace_core import called_by_kit, emit, state
from _mpkit_trace_poolwork import pool_work

_DIGITS = re.compile(r"(?<!\d)\d{1,10}(?!\d)")  # a whole number a PID could be: int() of 4300 digits raises


def _numbers(value):
    """The ints in a small message: an int, the digits of a short text, or these
    inside small tuples, lists, dicts and plain objects (an executor sends its
    result as an object). Bounded, so a big message costs next to nothing."""
    found, todo, budget = set(), [(value, 0)], 64
    while todo and budget:
        value, depth = todo.pop()
        budget -= 1
        if isinstance(value, bool):
            continue
        if isinstance(value, int):
            found.add(value)
        elif isinstance(value, str):
            if len(value) <= SMALL:
                found.update(map(int, _DIGITS.findall(value)))
        elif isinstance(value, (bytes, bytearray, memoryview)):
            found |= bytes_numbers(value)
        elif depth < 3:
            items = value
            if not isinstance(value, (tuple, list, dict)):
                try:
                    items = object.__getattribute__(value, "__dict__")
                except Exception:  # no __dict__: slots, builtins
                    continue
            if isinstance(items, dict):
                items = [*items, *items.values()] if len(items) <= 32 else ()
            if len(items) <= 32:
                todo.extend((item, depth + 1) for item in items)
    return found


def _sent(via):
    """Record once per way of sending that this process sent its own PID."""
    if via not in state["sent"]:
        state["sent"].add(via)
        emit("pid_sent", via=via)


def sending_wire(data, via, _called_by_kit=called_by_kit):
    """This process sends the bytes data (a pickled message or raw bytes) on a
    connection: record it if they hold this process's PID."""
    if not _called_by_kit():
        raise PermissionError("mpkit: the task's code may not write into the kit's record of the run")
    try:  # never break the student's send (a stream genops cannot read, ...)
        if via not in state["sent"] and state["pid"] is not None and wire_pids(bytes(data), (state["pid"],)):
            _sent(via)
    except Exception:
        pass


def receiving_wire(data, via, _called_by_kit=called_by_kit):
    """This process received the bytes data on a connection: record the PIDs of its children they hold."""
    if not _called_by_kit():
        raise PermissionError("mpkit: the task's code may not write into the kit's record of the run")
    try:
        wanted = state["children"] - state["received"] if state["children"] else None
        new = wire_pids(bytes(data), wanted) if wanted else None
        if new:
            state["received"] |= new
            emit("pid_received", pids=sorted(new), via=via)
    except Exception:
        pass


def sending(value, via, _called_by_kit=called_by_kit):
    """This process sends value: record it if it holds this process's PID."""
    if not _called_by_kit():
        raise PermissionError("mpkit: the task's code may not write into the kit's record of the run")
    try:  # the recorder must never break the student's send (a value's odd __class__, ...)
        if via not in state["sent"] and state["pid"] in _numbers(value):
            _sent(via)
    except Exception:
        pass


def receiving(value, via, _called_by_kit=called_by_kit):
    """This process receives value: record the PIDs of its children it holds."""
    if not _called_by_kit():
        raise PermissionError("mpkit: the task's code may not write into the kit's record of the run")
    try:
        new = (state["children"] & _numbers(value)) - state["received"] if state["children"] else None
        if new:
            state["received"] |= new
            emit("pid_received", pids=sorted(new), via=via)
    except Exception:
        pass


def patch_pickled():
    """ForkingPickler's dumps and loads: the work a pool's workers are handed
    and give back (the PIDs in messages are read where they cross a
    connection: patch_connections)."""
    from multiprocessing.reduction import ForkingPickler

    dumps, loads = ForkingPickler.__dict__["dumps"].__func__, ForkingPickler.loads

    def traced_dumps(cls, obj, protocol=None):
        data = dumps(cls, obj, protocol)
        pool_work(obj, "pool_result")
        return data

    def traced_loads(data, *args, **kwargs):
        obj = loads(data, *args, **kwargs)
        pool_work(obj, "pool_task")
        return obj

    ForkingPickler.dumps = classmethod(traced_dumps)
    ForkingPickler.loads = staticmethod(traced_loads)


def _traced_connection(cls):
    send_bytes, recv_bytes = cls._send_bytes, cls._recv_bytes

    def traced_send_bytes(self, buf):
        send_bytes(self, buf)
        sending_wire(buf, "message")

    def traced_recv_bytes(self, maxsize=None):
        buf = recv_bytes(self, maxsize)
        try:
            receiving_wire(buf.getbuffer(), "message")
        except Exception:  # not a BytesIO: nothing we know how to read
            pass
        return buf

    cls._send_bytes, cls._recv_bytes = traced_send_bytes, traced_recv_bytes
    cls._mpkit_traced = True


def patch_connections(connection):
    """Connection._send_bytes and _recv_bytes (PipeConnection's on Windows):
    every message that really crosses a connection passes there, pickled
    (send, recv, every Queue, SimpleQueue, Manager, Pool and executor) or raw
    (send_bytes, recv_bytes, recv_bytes_into). Pickling a PID, or unpickling
    one, without sending it is not sending it."""
    for name in ("Connection", "PipeConnection"):
        cls = getattr(connection, name, None)
        if cls is not None and "_send_bytes" in vars(cls) and not vars(cls).get("_mpkit_traced"):
            _traced_connection(cls)
