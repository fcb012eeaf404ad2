"""The recorder's watch on PIDs passed through shared memory.

multiprocessing.Value(...).value is traced as it is read and written. The
writes to raw shared objects (RawValue, RawArray, Value(lock=False), the raw
object under an Array) and to SharedMemory blocks cannot be seen, so a child
reads the start of each one it made or received when it ends (scan_shared),
and a SharedMemory block when it closes it.
Standard library only (see _mpkit_trace.py).
"""
import functools

from _mpkit_trace_messages import receiving, sending

_shared = []  # raw shared ctypes objects this process made or received (the first 32)
_written_visibly = set()  # ids of those whose writes the trace sees (a Value's, with its lock)


def patch_shared_memory(shared_memory):
    """multiprocessing.shared_memory.SharedMemory (and the ShareableList on
    one): a child reads the start of each block it opened when it closes it
    or ends, like a RawValue."""
    cls = shared_memory.SharedMemory
    if getattr(cls, "_mpkit_traced", False):
        return
    init, close = cls.__init__, cls.close

    def traced_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        _keep_shared(self)

    def traced_close(self):
        _scan_block(self)
        close(self)

    cls.__init__, cls.close = traced_init, traced_close
    cls._mpkit_traced = True


def patch_shared_value(sharedctypes):
    """multiprocessing.Value(...).value, read and written."""
    cls = sharedctypes.Synchronized
    if getattr(cls, "_mpkit_traced", False):
        return
    value = cls.value

    def get(self):
        got = value.fget(self)
        receiving(got, "Value")
        return got

    def set_(self, new):
        value.fset(self, new)
        sending(new, "Value")

    cls.value = property(get, set_, doc=value.__doc__)
    cls._mpkit_traced = True
    # Raw shared objects are made by _new_value, or rebuilt from a pickle by
    # rebuild_ctype in a spawned child.
    new_value, rebuild_ctype = sharedctypes._new_value, sharedctypes.rebuild_ctype

    def traced_new_value(type_):
        return _keep_shared(new_value(type_))

    @functools.wraps(rebuild_ctype)  # pickled by name: it must stay multiprocessing.sharedctypes.rebuild_ctype
    def traced_rebuild_ctype(*args):
        return _keep_shared(rebuild_ctype(*args))

    sharedctypes._new_value = traced_new_value
    sharedctypes.rebuild_ctype = traced_rebuild_ctype
    # A Value with a lock is written through the traced .value above, which
    # tells who wrote it: its raw object is not scanned (a PID the parent put
    # there would otherwise pass for one the child sent).
    synchronized = sharedctypes.synchronized

    @functools.wraps(synchronized)  # pickled by name, as rebuild_ctype
    def traced_synchronized(obj, lock=None, ctx=None):
        wrapper = synchronized(obj, lock, ctx)
        if type(wrapper) is cls:
            _written_visibly.add(id(obj))
        return wrapper

    sharedctypes.synchronized = traced_synchronized


def _keep_shared(obj):
    if len(_shared) < 32:
        _shared.append(obj)
    return obj


def scan_shared():
    """At the end of a child: did it leave its own PID in shared memory?"""
    for obj in _shared:
        if id(obj) in _written_visibly:
            continue
        if hasattr(obj, "buf"):
            _scan_block(obj)
            continue
        try:
            values = [obj.value] if hasattr(obj, "value") else list(obj[:64])
        except Exception:  # a structure, a closed heap: not a place for a PID
            continue
        sending(values, "shared memory")


def _scan_block(shm):
    """The first 64 bytes of an open SharedMemory, read as raw bytes of a message are."""
    try:
        if shm.buf is not None:  # None once closed
            sending(bytes(shm.buf[:64]), "shared memory")
    except Exception:
        pass
