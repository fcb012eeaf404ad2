"""The recorder's watch on multiprocessing.Pool: which pool each worker
belongs to, and whether the student shut the pool down.
Standard library only (see _mpkit_trace.py)."""
import itertools
import weakref

from _mpkit_trace_core import _kit_caller, emit, sealed


def pool_of(process, _pools=itertools.count(1), _numbers={}, _ref=weakref.ref, _id=id, _next=next,
            _error=Exception):
    """Which Pool a worker belongs to: a number for the pool's task queue, which
    all its workers (and their replacements) share. Four pools of one worker
    are not a pool of four. The numbers are the recorder's own (here, by the
    queue's id while the queue lives), not an attribute of the queue, which
    the task's code could set for two pools alike (f33)."""
    try:
        inqueue = process._args[0]
        known = _numbers.get(_id(inqueue))
        if known is None or known[0]() is not inqueue:
            known = _numbers[_id(inqueue)] = (_ref(inqueue), _next(_pools))
        return known[1]
    except _error:  # not a Pool's worker after all: no pool to name
        return None


@sealed(emit, sealed, getattr, setattr, _kit_caller, PermissionError)  # sealed at import; the kit's alone
def patch_pool(pool):
    """Record a Pool's close(), join() and terminate() (a `with` block calls
    terminate()): a pool the student shut down differs from one left to end
    by itself or to the garbage collector, which looks the same afterwards."""
    _emit, _sealed, _getattr, _setattr, _kit, _error = "\x00mpkit:sealed"
    if not _kit(1):
        raise _error("mpkit: the task's code may not patch the recorder in again")
    cls = pool.Pool
    if _getattr(cls, "_mpkit_traced", False):
        return
    for name in ("close", "join", "terminate"):

        def make(name=name, method=_getattr(cls, name)):
            # name and method sealed, not closure cells: a cell can be rewritten (f28)
            @_sealed(name, method, _emit)
            def traced(self, *args, **kwargs):
                _name, _method, _emit = "\x00mpkit:sealed"
                result = _method(self, *args, **kwargs)
                _emit("pool", call=_name)
                return result

            return traced

        _setattr(cls, name, make())
    cls._mpkit_traced = True
