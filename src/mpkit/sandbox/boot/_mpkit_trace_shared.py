"""The recorder's watch on PIDs passed through shared memory.

multiprocessing.Value(...).value is traced as it is read and written. The
writes to raw shared objects (RawValue, RawArray, Value(lock=False), the raw
object under an Array) and to SharedMemory blocks cannot be seen, so a child
reads the start of each one it shares with another process when it ends
(scan_shared), and a SharedMemory block when it closes it.

Only shared memory another process made counts: an object inherited from
the parent, rebuilt from its pickle in a spawned child, or a SharedMemory
block attached by name that this process did not create. A PID written into
memory of the process's own making reaches no one (f36), and the patched
methods record only for the objects multiprocessing itself made, never for
an object of the task's own passed to them as `self`.
Standard library only (see _mpkit_trace.py).
"""
import functools
import os

from _mpkit_trace_core import _kit_caller, called_by, sealed
from _mpkit_trace_messages import receiving, sending

_shared = []  # [object, PID of the process that made it or None, block name], raw shared objects seen (the first 32)
_visible = set()  # ids of those whose writes the trace sees (a Value's, with its lock)


# The two collections below are in no module global once the functions that
# use them are made (the task's code could fill or empty them): in their
# positional defaults, and their callers are checked (sealed, so neither can
# be handed others).
@sealed(called_by, len, os.getpid, getattr)
def _keep_shared(obj, made_here, _shared=_shared, /):
    """Note a shared object; made_here: this process made it (a new Value,
    Array or SharedMemory block), else another did (rebuilt, attached)."""
    _called_by, _len, _getpid, _getattr = "\x00mpkit:sealed"
    if _called_by(("traced_init", "traced_new_value", "traced_rebuild_ctype")) and _len(_shared) < 32:
        me = _getpid()
        name = _getattr(obj, "_name", None)  # a SharedMemory block's, as it was made
        made = me if made_here else None
        for entry in _shared:
            if entry[0] is obj:  # _new_value makes its object through rebuild_ctype: noted twice, made here
                if made_here:
                    entry[1] = me
                return obj
            if name is not None and entry[1] == me and entry[2] == name:  # a block it created, attached again
                made = me
        _shared.append([obj, made, name])
    return obj


@sealed(os.getpid)
def _shared_kind(obj, _shared=_shared, /):
    """None: obj is no shared object multiprocessing made; "own": this process
    made it; "theirs": another process did (the only memory a PID can be sent through)."""
    (_getpid,) = "\x00mpkit:sealed"
    for entry in _shared:
        if entry[0] is obj:
            return "own" if entry[1] == _getpid() else "theirs"
    return None


@sealed(sending, bytes, Exception, called_by, _shared_kind)
def _scan_block(shm):
    """The first 64 bytes of an open SharedMemory another process made, read as raw bytes of a message are."""
    _sending, _bytes, _error, _called_by, _kind = "\x00mpkit:sealed"
    try:
        # shm.buf is None once the block is closed
        if _called_by(("traced_close", "scan_shared")) and _kind(shm) == "theirs" and shm.buf is not None:
            _sending(_bytes(shm.buf[:64]), "shared memory")
    except _error:
        pass


@sealed(called_by, id)
def _written_visibly(obj, _visibly=_visible, /):
    """obj's writes are seen as they happen (a Value's, with its lock): not scanned."""
    _called_by, _id = "\x00mpkit:sealed"
    if _called_by(("traced_synchronized",)):
        _visibly.add(_id(obj))


@sealed(_scan_block, sending, id, hasattr, list, Exception, called_by, os.getpid)
def scan_shared(_shared=_shared, _visibly=_visible, /):
    """At the end of a child: did it leave its own PID in memory another process made?"""
    _scan_block, _sending, _id, _hasattr, _list, _error, _called_by, _getpid = "\x00mpkit:sealed"
    if not _called_by(("traced_bootstrap",)):
        return
    for obj, made, _ in _shared:
        if made == _getpid() or _id(obj) in _visibly:
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
@sealed(_keep_shared, _scan_block, getattr, _kit_caller, PermissionError, len)
def patch_shared_memory(shared_memory):
    """multiprocessing.shared_memory.SharedMemory (and the ShareableList on
    one): a child reads the start of each block it opened when it closes it
    or ends, like a RawValue."""
    _keep_shared, _scan_block, _getattr, _kit, _error, len = "\x00mpkit:sealed"
    if not _kit(1):
        raise _error("mpkit: the task's code may not patch the recorder in again")
    cls = shared_memory.SharedMemory
    if _getattr(cls, "_mpkit_traced", False):
        return
    init, close = cls.__init__, cls.close

    # Helpers as defaults, not cells (which can be rewritten) nor module globals.
    def traced_init(self, *args, _init=init, _keep=_keep_shared, _len=len, **kwargs):
        _init(self, *args, **kwargs)
        _keep(self, kwargs.get("create", args[1] if _len(args) > 1 else False))

    def traced_close(self, _close=close, _scan_block=_scan_block):
        _scan_block(self)
        _close(self)

    cls.__init__, cls.close = traced_init, traced_close
    cls._mpkit_traced = True


@sealed(sending, receiving, _keep_shared, _written_visibly, _shared_kind, getattr, property, functools.wraps,
        _kit_caller, PermissionError, type, sealed)
def patch_shared_value(sharedctypes):
    """multiprocessing.Value(...).value, read and written: recorded for the
    Values multiprocessing made (a Synchronized around a raw object it made),
    not for an object of the task's own handed to the property (f36)."""
    (_sending, _receiving, _keep_shared, _written_visibly, _shared_kind, _getattr, _property, _wraps, _kit,
     _error, type, _sealed) = "\x00mpkit:sealed"
    if not _kit(1):
        raise _error("mpkit: the task's code may not patch the recorder in again")
    cls = sharedctypes.Synchronized
    if _getattr(cls, "_mpkit_traced", False):
        return
    value = cls.value

    def make(fget=value.fget, fset=value.fset):
        # Sealed, not defaults: a direct call (Synchronized.value.fset(obj, v, ...)) could pass its own.
        @_sealed(fget, _receiving, _shared_kind, cls, type)
        def get(self):
            _fget, _receiving, _kind, _cls, _type = "\x00mpkit:sealed"
            got = _fget(self)
            if _type(self) is _cls and _kind(self._obj) is not None:
                _receiving(got, "Value")
            return got

        @_sealed(fset, _sending, _shared_kind, cls, type)
        def set_(self, new):
            _fset, _sending, _kind, _cls, _type = "\x00mpkit:sealed"
            _fset(self, new)
            if _type(self) is _cls and _kind(self._obj) == "theirs":  # a Value this process made reaches no one
                _sending(new, "Value")

        return get, set_

    cls.value = _property(*make(), doc=value.__doc__)
    cls._mpkit_traced = True
    # Raw shared objects are made by _new_value, or rebuilt from a pickle by
    # rebuild_ctype in a spawned child.
    new_value, rebuild_ctype = sharedctypes._new_value, sharedctypes.rebuild_ctype

    def traced_new_value(type_, _new_value=new_value, _keep=_keep_shared):
        return _keep(_new_value(type_), True)

    @_wraps(rebuild_ctype)  # pickled by name: it must stay multiprocessing.sharedctypes.rebuild_ctype
    def traced_rebuild_ctype(*args, _rebuild_ctype=rebuild_ctype, _keep=_keep_shared):
        return _keep(_rebuild_ctype(*args), False)

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
