"""The recorder's watch on what a pool's workers do, whatever the student's
function is called: the tasks a worker receives ("pool_task": the function
and how many inputs) and the results it sends back ("pool_result": the
values), for Pool and ProcessPoolExecutor alike. The free-form edition
judges Q5 by them. Standard library only (see _mpkit_trace.py)."""
import sys

from _mpkit_stdlib import learn_library, library_code
from _mpkit_trace_core import emit, sealed, state
from _mpkit_trace_values import callable_name, describe

POOL_TARGETS = ("multiprocessing.pool.worker", "concurrent.futures.process._process_worker")
POOL_WORK_RECORDED = 40  # events per worker: enough to judge, cheap for a long map


# The code of the pool's worker loops and of the queue methods between them and
# the pickler, as the standard library's files have it (read, not imported:
# _mpkit_stdlib), before any graded code ran (learn_worker_loops). Held only
# here and by the two functions below: the graded code can reach module
# globals, not their defaults, and it cannot change the library's files.
_GENUINE = []


def learn_worker_loops(_genuine=_GENUINE, _learn=learn_library, _code=library_code, _frozenset=frozenset):
    """Take the genuine loop code (once, at the recorder's install). Code is
    compared by value: the functions the modules define when imported are equal."""
    if _genuine:
        return
    _learn()
    loops = (_code("multiprocessing.pool.worker"), _code("concurrent.futures.process._process_worker"))
    steps = (_code("multiprocessing.queues.SimpleQueue.get"), _code("multiprocessing.queues.SimpleQueue.put"),
             _code("multiprocessing.queues.Queue.get"), _code("concurrent.futures.process._sendback_result"))
    _genuine.append((_frozenset(c for c in loops if c is not None), _frozenset(c for c in steps if c is not None),
                     _code("multiprocessing.process.BaseProcess.run")))


def _among(code, codes):
    """code equal to one of codes, by value, without hashing: a sealed kit
    function's code holds unhashable constants (_mpkit_trace_core.sealed)."""
    for known in codes:
        if known == code:
            return True
    return False


def _from_worker_loop(_genuine=_GENUINE, _getframe=sys._getframe, _range=range, _among=_among):
    """Is the message pickled for pool_work's caller (traced_dumps or
    traced_loads) moving through a queue on behalf of the worker loop itself?
    Not when the graded code calls the pickler or a queue method, or calls
    pool_work, from a pool's initializer or from the function a task runs."""
    if not _genuine:
        return False
    loops, steps, run = _genuine[0]
    frame = _getframe(3)  # 0 this, 1 pool_work, 2 traced_dumps/loads, 3 the queue's method
    if frame is None or not _among(frame.f_code, steps):
        return False
    for _ in _range(3):
        frame = frame.f_back
        if frame is None:
            return False
        if _among(frame.f_code, loops):
            # The loop the process itself runs (its run() called it), and no loop
            # above it: not one the graded code called from a pool's initializer.
            outer = frame.f_back
            if outer is None or outer.f_code != run:
                return False
            while outer is not None:
                if _among(outer.f_code, loops):
                    return False
                outer = outer.f_back
            return True
        if not _among(frame.f_code, steps):
            return False
    return False


del _GENUINE


def _task_of(obj, _type=type, _isinstance=isinstance, _tuple=tuple, _len=len, _callable=callable, _getattr=getattr):
    """(function, number of inputs) of a Pool task (job, i, func, args, kwds)
    or an executor's call item; map's chunks (mapstar, _process_chunk) are opened."""
    if _type(obj).__name__ == "_CallItem":
        func, args = obj.fn, obj.args
    elif _isinstance(obj, _tuple) and _len(obj) == 5 and _callable(obj[2]) and _isinstance(obj[3], _tuple):
        func, args = obj[2], obj[3]
    else:
        return None
    inner = _getattr(func, "func", None)  # functools.partial(_process_chunk, fn)
    if _getattr(inner, "__name__", "") == "_process_chunk" and func.args:
        return func.args[0], _len(args[0]) if args else 0
    if _getattr(func, "__name__", "") in ("mapstar", "starmapstar") and args and _len(args[0]) == 2:
        return args[0][0], _len(args[0][1])
    return func, 1


def _result_of(obj, _type=type, _isinstance=isinstance, _tuple=tuple, _list=list, _len=len, _getattr=getattr):
    """(value, is a chunk) of a worker's result message, else None."""
    if _type(obj).__name__ == "_ResultItem":
        if _getattr(obj, "exception", None) is not None:
            return None
        return obj.result, _isinstance(obj.result, _list)
    if _isinstance(obj, _tuple) and _len(obj) == 3 and _isinstance(obj[2], _tuple) and _len(obj[2]) == 2 \
            and obj[2][0] is True:
        return obj[2][1], False
    return None


# Sealed (_mpkit_trace_core.sealed): _from_worker_loop, the check ff01 was
# stopped by, in this module's globals could be replaced (f29), and as a
# default the task's own call of pool_work could override it.
@sealed(state, _from_worker_loop, _task_of, _result_of, callable_name, describe, emit, POOL_WORK_RECORDED, Exception)
def pool_work(obj, kind):
    """Record obj, a message a worker received ("pool_task") or sent ("pool_result")."""
    _state, _from_loop, _task_of, _result_of, _callable_name, _describe, _emit, _most, _error = "\x00mpkit:sealed"
    if not _state.get("worker") or not _from_loop():
        return
    try:  # never break the student's pool
        if _state.get("pool_events", 0) >= _most:
            return
        if kind == "pool_task":
            found = _task_of(obj)
            if found:
                _state["pool_events"] = _state.get("pool_events", 0) + 1
                _emit("pool_task", fn=_callable_name(found[0]), inputs=found[1])
        else:
            found = _result_of(obj)
            if found is not None:
                _state["pool_events"] = _state.get("pool_events", 0) + 1
                _emit("pool_result", value=_describe(found[0]), chunk=found[1])
    except _error:
        pass
