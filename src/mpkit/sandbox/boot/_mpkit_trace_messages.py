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
import os
import re
import sys

from _mpkit_pids import SMALL, bytes_numbers, wire_pids
from _mpkit_trace_core import _kit_caller, emit, sealed, state, written_in
from _mpkit_trace_poolwork import pool_work

_DIGITS = re.compile(r"(?<!\d)\d{1,10}(?!\d)")  # a whole number a PID could be: int() of 4300 digits raises


def _numbers(value, _isinstance=isinstance, _bool=bool, _int=int, _str=str, _raw=(bytes, bytearray, memoryview),
             _containers=(tuple, list, dict), _dict=dict, _len=len, _set=set, _map=map, _small=SMALL,
             _findall=_DIGITS.findall, _bytes_numbers=bytes_numbers, _attrs=object.__getattribute__,
             _error=Exception, _keys=dict.keys, _values=dict.values):
    """The ints in a small message: an int, the digits of a short text, or these
    inside small tuples, lists, dicts and plain objects (an executor sends its
    result as an object). Bounded, so a big message costs next to nothing."""
    found, todo, budget = _set(), [(value, 0)], 64
    while todo and budget:
        value, depth = todo.pop()
        budget -= 1
        if _isinstance(value, _bool):
            continue
        if _isinstance(value, _int):
            found.add(value)
        elif _isinstance(value, _str):
            if _len(value) <= _small:
                found.update(_map(_int, _findall(value)))
        elif _isinstance(value, _raw):
            found |= _bytes_numbers(value)
        elif depth < 3:
            items = value
            if not _isinstance(value, _containers):
                try:
                    items = _attrs(value, "__dict__")
                except _error:  # no __dict__: slots, builtins
                    continue
            if _isinstance(items, _dict):
                items = [*_keys(items), *_values(items)] if _len(items) <= 32 else ()
            if _len(items) <= 32:
                todo.extend((item, depth + 1) for item in items)
    return found


def _asked_by_kit(via, _frame=sys._getframe, _boot=os.path.dirname(os.path.realpath(__file__)) + os.sep,
                  _type=type, _str=str, _written_in=written_in):
    """Is the caller of the function that calls this the kit's code, which names
    this way of sending itself? Not the task's code calling the recorder's
    functions with values of its own (through sys.modules), nor a kit frame
    calling something of the task's (a file whose write is a partial of these)."""
    code = _frame(2).f_code
    name = code.co_filename
    return _type(name) is _str and name.startswith(_boot) and _type(via) is _str and _written_in(via, code)


@sealed(state, _asked_by_kit, wire_pids, bytes, emit, os.getpid, Exception)
def sending_wire(data, via):
    """This process sends the bytes data (a pickled message or raw bytes) on a
    connection: record it (once per way of sending) if they hold this process's PID."""
    _state, _asked_by_kit, _wire_pids, _bytes, _emit, _getpid, _error = "\x00mpkit:sealed"
    try:  # never break the student's send (a stream genops cannot read, ...)
        if via not in _state["sent"] and _asked_by_kit(via) and _wire_pids(_bytes(data), (_getpid(),)):
            _state["sent"].add(via)
            _emit("pid_sent", via=via)
    except _error:
        pass


@sealed(state, _asked_by_kit, wire_pids, bytes, emit, sorted, Exception)
def receiving_wire(data, via):
    """This process received the bytes data on a connection: record the PIDs of its children they hold."""
    _state, _asked_by_kit, _wire_pids, _bytes, _emit, _sorted, _error = "\x00mpkit:sealed"
    try:
        wanted = _state["children"] - _state["received"] if _state["children"] else None
        new = _wire_pids(_bytes(data), wanted) if wanted and _asked_by_kit(via) else None
        if new:
            _state["received"] |= new
            _emit("pid_received", pids=_sorted(new), via=via)
    except _error:
        pass


@sealed(state, _asked_by_kit, _numbers, emit, os.getpid, Exception)
def sending(value, via):
    """This process sends value: record it (once per way of sending) if it holds this process's PID."""
    _state, _asked_by_kit, _numbers, _emit, _getpid, _error = "\x00mpkit:sealed"
    try:  # the recorder must never break the student's send (a value's odd __class__, ...)
        # The PID is the kernel's answer, not state["pid"], which the task's code could set.
        if via not in _state["sent"] and _asked_by_kit(via) and _getpid() in _numbers(value):
            _state["sent"].add(via)
            _emit("pid_sent", via=via)
    except _error:
        pass


@sealed(state, _asked_by_kit, _numbers, emit, sorted, Exception)
def receiving(value, via):
    """This process receives value: record the PIDs of its children it holds."""
    _state, _asked_by_kit, _numbers, _emit, _sorted, _error = "\x00mpkit:sealed"
    try:
        new = (_state["children"] & _numbers(value)) - _state["received"] if _state["children"] else None
        if new and _asked_by_kit(via):
            _state["received"] |= new
            _emit("pid_received", pids=_sorted(new), via=via)
    except _error:
        pass


# The patches are sealed and the kit's alone (see _mpkit_trace_processes.patch_processes).
@sealed(pool_work, classmethod, staticmethod, _kit_caller, PermissionError)
def patch_pickled():
    """ForkingPickler's dumps and loads: the work a pool's workers are handed
    and give back (the PIDs in messages are read where they cross a
    connection: patch_connections)."""
    _pool_work, classmethod, staticmethod, _kit, _error = "\x00mpkit:sealed"
    if not _kit(1):
        raise _error("mpkit: the task's code may not patch the recorder in again")
    from multiprocessing.reduction import ForkingPickler

    dumps, loads = ForkingPickler.__dict__["dumps"].__func__, ForkingPickler.loads

    def traced_dumps(cls, obj, protocol=None, _dumps=dumps, _pool_work=_pool_work):  # no cells: they can be rewritten
        data = _dumps(cls, obj, protocol)
        _pool_work(obj, "pool_result")
        return data

    def traced_loads(data, *args, _loads=loads, _pool_work=_pool_work, **kwargs):
        obj = _loads(data, *args, **kwargs)
        _pool_work(obj, "pool_task")
        return obj

    ForkingPickler.dumps = classmethod(traced_dumps)
    ForkingPickler.loads = staticmethod(traced_loads)


# The patches below may run after the task's code has (when it imports
# multiprocessing.connection): what they install is sealed at this module's import.
@sealed(sending_wire, receiving_wire, Exception, _kit_caller, PermissionError)
def _traced_connection(cls):
    _sending_wire, _receiving_wire, Exception, _kit, _error = "\x00mpkit:sealed"
    if not _kit(1):
        raise _error("mpkit: the task's code may not patch the recorder in again")
    send_bytes, recv_bytes = cls._send_bytes, cls._recv_bytes

    def traced_send_bytes(self, buf, _send_bytes=send_bytes, _sending_wire=_sending_wire):
        _send_bytes(self, buf)
        _sending_wire(buf, "message")

    def traced_recv_bytes(self, maxsize=None, _recv_bytes=recv_bytes, _receiving_wire=_receiving_wire,
                          _error=Exception):
        buf = _recv_bytes(self, maxsize)
        try:
            _receiving_wire(buf.getbuffer(), "message")
        except _error:  # not a BytesIO: nothing we know how to read
            pass
        return buf

    cls._send_bytes, cls._recv_bytes = traced_send_bytes, traced_recv_bytes
    cls._mpkit_traced = True


@sealed(_traced_connection, getattr, vars, _kit_caller, PermissionError)
def patch_connections(connection):
    """Connection._send_bytes and _recv_bytes (PipeConnection's on Windows):
    every message that really crosses a connection passes there, pickled
    (send, recv, every Queue, SimpleQueue, Manager, Pool and executor) or raw
    (send_bytes, recv_bytes, recv_bytes_into). Pickling a PID, or unpickling
    one, without sending it is not sending it."""
    _traced_connection, _getattr, _vars, _kit, _error = "\x00mpkit:sealed"
    if not _kit(1):
        raise _error("mpkit: the task's code may not patch the recorder in again")
    for name in ("Connection", "PipeConnection"):
        cls = _getattr(connection, name, None)
        if cls is not None and "_send_bytes" in _vars(cls) and not _vars(cls).get("_mpkit_traced"):
            _traced_connection(cls)
