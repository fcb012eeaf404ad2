"""The recorder's watch on PIDs passed through shared memory.

multiprocessing.Value(...).value is traced as it is read and written. The
writes to raw shared objects (RawValue, RawArray, Value(lock=False), the raw
object under an Array) and to SharedMemory blocks cannot be seen, so a child
reads the start of each one it made or received when it ends (scan_shared),
and a SharedMemory block when it closes it.
Standard library only (see _mpkit_trace.py).
"""
import functools

from _mpkit_trace_core import _kit_caller, called_by, sealed
from _mpkit_trace_messages import receiving, sending

_shared = []  # raw shared ctypes objects this process made or received (the first 32)
_visible = set()  # ids of those whose writes the trace sees (a Value's, with its lock)


# The two collections below are in no module global once the functions that
# use them are made (the task's code could fill or empty them): in their
# positional defaults, and their callers are checked (sealed, so neither can
# be handed others).
@sealed(called_by, len)
def _keep_shared(obj, _shared=_shared, /):
    _called_by, _len = "\x00mpkit:sealed"
    if _called_by(("traced_init", "traced_new_value", "traced_rebuild_ctype")) and _len(_shared) < 32:
        _shared.append(obj)
    return obj


@sealed(sending, bytes, Exception, called_by)
def _scan_block(shm):
    """The first 64 bytes of an open SharedMemory, read as raw bytes of a message are."""
    _sending, _bytes, _error, _called_by = "\x00mpkit:sealed"
    try:
        if _called_by(("traced_close", "scan_shared")) and shm.buf is not None:  # None once closed
            _sending(_bytes(shm.buf[:64]), "shared memory")
    except _error:
        pass


@sealed(called_by, id)
def _written_visibly(obj, _visibly=_visible, /):
    """obj's writes are seen as they happen (a Value's, with its lock): not scanned."""
    _called_by, _id = "\x00mpkit:sealed"
    if _called_by(("traced_synchronized",)):
        _visibly.add(_id(obj))


@sealed(_scan_block, sending, id, hasattr, list, Exception, called_by)
def scan_shared(_shared=_shared, _visibly=_visible, /):
    """At the end of a child: did it leave its own PID in shared memory?"""
    _scan_block, _sending, _id, _hasattr, _list, _error, _called_by = "\x00mpkit:sealed"
    if not _called_by(("traced_bootstrap",)):
        return
    for obj in _shared:
        if _id(obj) in _visibly:
            continue
        if _hasattr(obj, "buf"):
            _scan_block(obj)
            continue
        try:
            values = [obj.value] if _hasattr(obj, "value") else _list(obj[:64])
        except _error:  # a structure, a closed heap: not a place for a PID
            continue
        _sending(values, "shared memory")


# The patches run when multiprocessing's modules are imported, maybe after the
# task's code has run: what they install is sealed now, at the recorder's import.
@sealed(_keep_shared, _scan_block, getattr, _kit_caller, PermissionError)
def patch_shared_memory(shared_memory):
    """multiprocessing.shared_memory.SharedMemory (and the ShareableList on
    one): a child reads the start of each block it opened when it closes it
    or ends, like a RawValue."""
    _keep_shared, _scan_block, _getattr, _kit, _error = "\x00mpkit:sealed"
    if not _kit(1):
        raise _error("mpkit: the task's code may not patch the recorder in again")
    cls = shared_memory.SharedMemory
    if _getattr(cls, "_mpkit_traced", False):
        return
    init, close = cls.__init__, cls.close

    # Helpers as defaults, not cells (which can be rewritten) nor module globals.
    def traced_init(self, *args, _init=init, _keep=_keep_shared, **kwargs):
        _init(self, *args, **kwargs)
        _keep(self)

    def traced_close(self, _close=close, _scan_block=_scan_block):
        _scan_block(self)
        _close(self)

    cls.__init__, cls.close = traced_init, traced_close
    cls._mpkit_traced = True


@sealed(sending, receiving, _keep_shared, _written_visibly, getattr, property, functools.wraps, _kit_caller,
        PermissionError, type)
def patch_shared_value(sharedctypes):
    """multiprocessing.Value(...).value, read and written."""
    (_sending, _receiving, _keep_shared, _written_visibly, _getattr, _property, _wraps, _kit,
     _error, type) = "\x00mpkit:sealed"
    if not _kit(1):
        raise _error("mpkit: the task's code may not patch the recorder in again")
    cls = sharedctypes.Synchronized
    if _getattr(cls, "_mpkit_traced", False):
        return
    value = cls.value

    def get(self, _fget=value.fget, _receiving=_receiving):
        got = _fget(self)
        _receiving(got, "Value")
        return got

    def set_(self, new, _fset=value.fset, _sending=_sending):
        _fset(self, new)
        _sending(new, "Value")

    cls.value = _property(get, set_, doc=value.__doc__)
    cls._mpkit_traced = True
    # Raw shared objects are made by _new_value, or rebuilt from a pickle by
    # rebuild_ctype in a spawned child.
    new_value, rebuild_ctype = sharedctypes._new_value, sharedctypes.rebuild_ctype

    def traced_new_value(type_, _new_value=new_value, _keep=_keep_shared):
        return _keep(_new_value(type_))

    @_wraps(rebuild_ctype)  # pickled by name: it must stay multiprocessing.sharedctypes.rebuild_ctype
    def traced_rebuild_ctype(*args, _rebuild_ctype=rebuild_ctype, _keep=_keep_shared):
        return _keep(_rebuild_ctype(*args))

    sharedctypes._new_value = traced_new_value
    sharedctypes.rebuild_ctype = traced_rebuild_ctype
    # A Value with a lock is written through the traced .value above, which
    # tells who wrote it: its raw object is not scanned (a PID the parent put
    # there would otherwise pass for one the child sent).
    synchronized = sharedctypes.synchronized

    @_wraps(synchronized)  # pickled by name, as rebuild_ctype
    def traced_synchronized(obj, lock=None, ctx=None, _synchronized=synchronized, _cls=cls, _seen=_written_visibly,
                            _type=type):
        wrapper = _synchronized(obj, lock, ctx)
        if _type(wrapper) is _cls:
            _seen(obj)
        return wrapper

    sharedctypes.synchronized = traced_synchronized


del _shared, _visible
