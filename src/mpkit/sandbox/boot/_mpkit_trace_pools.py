"""The recorder's watch on multiprocessing.Pool: which pool each worker
belongs to, and whether the student shut the pool down.
Standard library only (see _mpkit_trace.py)."""
import itertools

from _mpkit_trace_core import emit

_pools = itertools.count(1)


def pool_of(process):
    """Which Pool a worker belongs to: a number kept on the pool's task queue,
    which all its workers (and their replacements) share. Four pools of one
    worker are not a pool of four."""
    try:
        inqueue = process._args[0]
        if not hasattr(inqueue, "_mpkit_pool"):
            inqueue._mpkit_pool = next(_pools)
        return inqueue._mpkit_pool
    except Exception:  # not a Pool's worker after all: no pool to name
        return None


def patch_pool(pool):
    """Record a Pool's close(), join() and terminate() (a `with` block calls
    terminate()): a pool the student shut down differs from one left to end
    by itself or to the garbage collector, which looks the same afterwards."""
    cls = pool.Pool
    if getattr(cls, "_mpkit_traced", False):
        return
    for name in ("close", "join", "terminate"):

        def make(name=name, method=getattr(cls, name)):
            def traced(self, *args, **kwargs):
                result = method(self, *args, **kwargs)
                emit("pool", call=name)
                return result

            return traced

        setattr(cls, name, make())
    cls._mpkit_traced = True
