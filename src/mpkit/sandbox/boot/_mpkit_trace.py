"""The run recorder: runs inside every Python process of a sandboxed run.

It writes what the process does (its birth, the processes and threads it
starts, joins and ends, calls of watched student functions) as JSON lines to
a record file of its own, and points the process's stdout and stderr at files
of its own, so the grader knows which process wrote which bytes.

Everything here is standard library only and keeps its own references to the
functions it relies on (os.getpid, json.dumps, ...), so a submission that
monkeypatches them cannot change what is recorded.
"""
import functools
import itertools
import json
import os
import re
import sys
import threading
import time
import weakref

import _mpkit_guard

_getpid = os.getpid
_getppid = os.getppid
_write = os.write
_os_open = os.open
_dup2 = os.dup2
_close = os.close
_now = time.monotonic_ns
_dumps = json.dumps
_join_path = os.path.join

RUN_DIR = os.environ.get("MPKIT_RUN_DIR", "")
# children: pids of the processes this one started; sent, received: the PIDs
# recorded as passed between processes (see _patch_channels); pids_read: those
# of its children the student's code read off their Process objects.
_state = {"fd": None, "pid": None, "seq": itertools.count(), "prints": 0, "children": set(), "sent": False,
          "received": set(), "pids_read": set()}
PRINTS_RECORDED = 20  # per process: enough to show when it printed, cheap for a print loop
_installed = False

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)


def _exclusive(folder, pid, suffix):
    """Open a new file named after pid (pids can be reused within a run)."""
    for n in itertools.count():
        name = f"{pid}{'' if n == 0 else '.' + str(n)}{suffix}"
        try:
            return name, _os_open(_join_path(RUN_DIR, folder, name), _FLAGS, 0o600)
        except FileExistsError:
            continue


def _born(via):
    """Start the record of a new process and give it output files of its own."""
    with _mpkit_guard.own_files():
        _start_record(via)


def _start_record(via):
    pid = _getpid()
    _state["pid"] = pid
    _state["seq"] = itertools.count()
    _state["prints"] = 0
    _state["children"], _state["sent"], _state["received"], _state["pids_read"] = set(), False, set(), set()
    _state["worker"], _state["pool_events"] = False, 0
    _sentinels.clear()  # a forked child's parent's children are not its own
    old = _state["fd"]
    name, _state["fd"] = _exclusive("rec", pid, ".jsonl")
    if old is not None:
        try:
            _close(old)
        except OSError:
            pass
    outputs = {}
    for stream, fdno in (("out", 1), ("err", 2)):
        oname, ofd = _exclusive("out", pid, "." + stream)
        # The file is inheritable through dup2; the original O_CLOEXEC fd is closed.
        _dup2(ofd, fdno)
        _close(ofd)
        outputs[stream] = oname
    emit("born", via=via, ppid=_getppid(), argv=list(getattr(sys, "orig_argv", sys.argv))[:6], **outputs)


def emit(kind, **fields):
    """Append one event to this process's record."""
    fd = _state["fd"]
    if fd is None:
        return
    fields["e"] = kind
    fields["pid"] = _state["pid"]
    fields["t"] = _now()
    fields["n"] = next(_state["seq"])
    try:
        line = _dumps(fields, default=repr)
    except (TypeError, ValueError):
        line = _dumps({"e": kind, "pid": fields["pid"], "t": fields["t"], "n": fields["n"], "bad": True})
    try:
        _write(fd, (line + "\n").encode("utf-8", "replace"))
    except OSError:
        pass


def describe(value, depth=0):
    """A JSON-able picture of a value the student's code returned."""
    import multiprocessing.process as mpp

    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, mpp.BaseProcess):
        try:
            # Not through the traced property: the kit looking is not the student waiting.
            code, pid = (_exitcode_unwatched or type(value).exitcode.fget)(value), value.pid
        except ValueError:  # closed: close() after join() forgets the pid
            code, pid = None, getattr(value, "_mpkit_pid", None)
        return {"$process": pid, "name": value.name, "exitcode": code}
    if depth < 4 and isinstance(value, (list, tuple)):
        items = [describe(v, depth + 1) for v in list(value)[:1000]]
        return items if isinstance(value, list) else {"$tuple": items}
    if depth < 4 and isinstance(value, dict):
        return {"$dict": [[describe(k, depth + 1), describe(v, depth + 1)] for k, v in list(value.items())[:1000]]}
    return {"$repr": repr(value)[:500], "type": type(value).__name__}


def _callable_name(func):
    if func is None:
        return None
    module = getattr(func, "__module__", None)
    qualname = getattr(func, "__qualname__", None)
    if qualname is None:
        return repr(func)[:200]
    return f"{module}.{qualname}"


def _target_of(obj, base):
    target = getattr(obj, "_target", None)
    if target is not None:
        return _callable_name(target)
    cls = type(obj)
    if cls.run is not base.run:
        return f"{cls.__module__}.{cls.__qualname__}.run"
    return None


# Globals to watch (for example COUNTER of a task): "module:NAME,NAME".
def _watched_globals():
    spec = os.environ.get("MPKIT_WATCH_GLOBALS", "")
    module, _, names = spec.partition(":")
    return module, [n for n in names.split(",") if n]


def snapshot_globals():
    module_name, names = _watched_globals()
    if not names:
        return None
    found = {}
    for candidate in (module_name, "__mp_main__", "__main__"):
        module = sys.modules.get(candidate)
        if module is not None and all(hasattr(module, n) for n in names):
            for n in names:
                found[n] = describe(getattr(module, n))
            return found
    return None


_exitcode_unwatched = None  # BaseProcess.exitcode as multiprocessing wrote it
_pools = itertools.count(1)
# sentinel -> Process, for the children this process started (weak: holding a
# Process would keep its file descriptors open)
_sentinels = weakref.WeakValueDictionary()


def _student_called():
    """Was the traced function (the caller of this one) called by the student's
    code, not by multiprocessing, concurrent.futures or the kit itself?"""
    name = sys._getframe(2).f_globals.get("__name__") or ""
    return not name.startswith(("multiprocessing.", "concurrent.", "_mpkit"))


def _waiting_for(process, timeout, via="join"):
    """Record when the parent first waited for a child (join(), or a wait on
    its sentinel), even if in vain: a wait between two starts makes them run
    one after another."""
    if not getattr(process, "_mpkit_join_called", False) and process._popen is not None:
        process._mpkit_join_called = True
        emit("join_call", child=process.pid, timeout=timeout, via=via)


def _pool_of(process):
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


def _patch_processes():
    global _exitcode_unwatched
    import multiprocessing.process as mpp

    base = mpp.BaseProcess
    start, join, bootstrap, is_alive = base.start, base.join, base._bootstrap, base.is_alive
    terminate, kill = base.terminate, getattr(base, "kill", None)
    exitcode = _exitcode_unwatched = base.exitcode.fget

    def traced_start(self):
        target = _target_of(self, base)  # start() deletes self._target
        pool = _pool_of(self) if target == "multiprocessing.pool.worker" else None
        start(self)
        self._mpkit_pid = self.pid  # still known after the student's close()
        _state["children"].add(self.pid)
        _sentinels[self.sentinel] = self
        emit(
            "proc_start",
            child=self.pid,
            name=self.name,
            target=target,
            daemon=self.daemon,
            method=getattr(type(self._popen), "method", None),
            pool=pool,
        )

    def traced_join(self, timeout=None):
        _waiting_for(self, timeout)
        join(self, timeout)
        try:
            code = exitcode(self)
        except ValueError:
            return
        if code is not None:
            self._mpkit_end_seen = True
            emit("join", child=self.pid, exitcode=code)

    def ended_seen(self, via):
        # A parent that polls is_alive() or exitcode until the child has ended
        # has waited for it as surely as join() does (both reap the child):
        # record it as a join, once.
        if self._popen is None or getattr(self, "_mpkit_end_seen", False):
            return
        try:
            code = exitcode(self)
        except ValueError:
            return
        if code is not None:
            self._mpkit_end_seen = True
            emit("join", child=self.pid, exitcode=code, via=via)

    def traced_is_alive(self):
        alive = is_alive(self)
        if not alive:
            ended_seen(self, "is_alive")
        return alive

    def traced_exitcode(self):
        code = exitcode(self)
        if code is not None:
            ended_seen(self, "exitcode")
        return code

    def traced_bootstrap(self, *args, **kwargs):
        _state["worker"] = _target_of(self, base) in _POOL_TARGETS
        emit(
            "proc_boot",
            name=self.name,
            target=_target_of(self, base),
            parent=getattr(self, "_parent_pid", None),
            globals=snapshot_globals(),
        )
        code = bootstrap(self, *args, **kwargs)
        _scan_shared()
        emit("proc_end", exitcode=code, globals=snapshot_globals())
        return code

    def traced_terminate(self):
        emit("terminate", child=self.pid)
        terminate(self)

    ident = base.ident.fget

    def traced_ident(self):
        # The student's code reading a child's PID off its Process object: a
        # PID it returns may come from there rather than from the child. Reads
        # by multiprocessing, concurrent.futures and the kit do not count.
        pid = ident(self)
        if pid in _state["children"] and pid not in _state["pids_read"] and _student_called():
            _state["pids_read"].add(pid)
            emit("pid_read", child=pid)
        return pid

    base.ident = base.pid = property(traced_ident, doc=base.ident.__doc__)
    base.start = traced_start
    base.join = traced_join
    base.is_alive = traced_is_alive
    base.exitcode = property(traced_exitcode, doc=base.exitcode.__doc__)
    base._bootstrap = traced_bootstrap
    base.terminate = traced_terminate
    if kill is not None:

        def traced_kill(self):
            emit("kill", child=self.pid)
            kill(self)

        base.kill = traced_kill

    # active_children() reaps the children that have ended, as join() would:
    # a parent that polls it until they are gone has waited for them. start()
    # reaps ended children too (both through _cleanup), but starting a process
    # is not waiting: what it reaped counts at the next active_children().
    import multiprocessing
    import multiprocessing.context as mpc

    active_children, cleanup = mpp.active_children, mpp._cleanup
    reaped = []

    def traced_cleanup():
        before = set(mpp._children)
        cleanup()
        reaped.extend(before - set(mpp._children))

    def traced_active_children():
        alive = active_children()
        while reaped:
            ended_seen(reaped.pop(), "active_children")
        return alive

    mpp._cleanup = traced_cleanup

    mpp.active_children = multiprocessing.active_children = traced_active_children
    mpc.BaseContext.active_children = staticmethod(traced_active_children)


# -- PIDs passed between processes --------------------------------------------
# A task may ask a child to send its PID back: the record must show that it
# did, not merely that the parent returned a child's PID (process.pid is
# known to the parent without any sending). Two events, each written once:
# "pid_sent" when a process sends a message holding its own PID,
# "pid_received" when a process receives one holding the PID of a process it
# started. The messages are multiprocessing's pickled ones (Pipe, Queue,
# SimpleQueue, Manager proxies, Pool and executor results all go through
# ForkingPickler), raw ones (Connection.send_bytes, recv_bytes,
# recv_bytes_into) and the value of a multiprocessing.Value. Shared memory
# (RawValue, Array, SharedMemory) is read by the child when it ends.

_DIGITS = re.compile(r"\d+")


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
            if len(value) <= 200:
                found.update(map(int, _DIGITS.findall(value)))
        elif isinstance(value, (bytes, bytearray, memoryview)):
            found |= _bytes_numbers(value)
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


def _bytes_numbers(data):
    """The ints small raw bytes may hold: digits of ASCII text (str(pid).encode()),
    and the whole of up to 8 bytes or each aligned 4- and 8-byte word of up to 64
    (struct.pack, int.to_bytes, a numpy array), read in either byte order."""
    if memoryview(data).nbytes > 200:
        return set()
    data = bytes(data)
    found = set(map(int, _DIGITS.findall(data.decode("ascii")))) if data.isascii() else set()
    if len(data) <= 64:
        words = [data] if len(data) <= 8 else []
        words += [data[i:i + size] for size in (4, 8) for i in range(0, len(data) - size + 1, size)]
        for order in ("little", "big"):
            found.update(int.from_bytes(word, order) for word in words)
    return found


def _sending(value, via):
    try:  # the recorder must never break the student's send (a value's odd __class__, ...)
        if not _state["sent"] and _state["pid"] in _numbers(value):
            _state["sent"] = True
            emit("pid_sent", via=via)
    except Exception:
        pass


def _receiving(value, via):
    try:
        new = (_state["children"] & _numbers(value)) - _state["received"] if _state["children"] else None
        if new:
            _state["received"] |= new
            emit("pid_received", pids=sorted(new), via=via)
    except Exception:
        pass


# A pool worker's tasks and results, whatever the function is called: the
# tasks it receives and the results it sends back, as "pool_task" (the
# function and how many inputs) and "pool_result" (the values) events.
_POOL_TARGETS = ("multiprocessing.pool.worker", "concurrent.futures.process._process_worker")
POOL_WORK_RECORDED = 40  # events per worker: enough to judge, cheap for a long map


def _pool_work(obj, kind):
    try:  # never break the student's pool
        if _state.get("pool_events", 0) >= POOL_WORK_RECORDED:
            return
        if kind == "pool_task":
            found = _task_of(obj)
            if found:
                _state["pool_events"] = _state.get("pool_events", 0) + 1
                emit("pool_task", fn=_callable_name(found[0]), inputs=found[1])
        else:
            found = _result_of(obj)
            if found is not None:
                _state["pool_events"] = _state.get("pool_events", 0) + 1
                emit("pool_result", value=describe(found[0]), chunk=found[1])
    except Exception:
        pass


def _task_of(obj):
    """(function, number of inputs) of a Pool task (job, i, func, args, kwds)
    or an executor's call item; map's chunks (mapstar, _process_chunk) are opened."""
    if type(obj).__name__ == "_CallItem":
        func, args = obj.fn, obj.args
    elif isinstance(obj, tuple) and len(obj) == 5 and callable(obj[2]) and isinstance(obj[3], tuple):
        func, args = obj[2], obj[3]
    else:
        return None
    inner = getattr(func, "func", None)  # functools.partial(_process_chunk, fn)
    if getattr(inner, "__name__", "") == "_process_chunk" and func.args:
        return func.args[0], len(args[0]) if args else 0
    if getattr(func, "__name__", "") in ("mapstar", "starmapstar") and args and len(args[0]) == 2:
        return args[0][0], len(args[0][1])
    return func, 1


def _result_of(obj):
    """(value, is a chunk) of a worker's result message, else None."""
    if type(obj).__name__ == "_ResultItem":
        if getattr(obj, "exception", None) is not None:
            return None
        return obj.result, isinstance(obj.result, list)
    if isinstance(obj, tuple) and len(obj) == 3 and isinstance(obj[2], tuple) and len(obj[2]) == 2 \
            and obj[2][0] is True:
        return obj[2][1], False
    return None


def _patch_channels():
    from multiprocessing.reduction import ForkingPickler

    dumps, loads = ForkingPickler.__dict__["dumps"].__func__, ForkingPickler.loads

    def traced_dumps(cls, obj, protocol=None):
        data = dumps(cls, obj, protocol)
        _sending(obj, "message")
        if _state.get("worker"):
            _pool_work(obj, "pool_result")
        return data

    def traced_loads(data, *args, **kwargs):
        obj = loads(data, *args, **kwargs)
        _receiving(obj, "message")
        if _state.get("worker"):
            _pool_work(obj, "pool_task")
        return obj

    ForkingPickler.dumps = classmethod(traced_dumps)
    ForkingPickler.loads = staticmethod(traced_loads)
    # sharedctypes imports ctypes (10 ms): patched only in processes that use it.
    _after_import("multiprocessing.sharedctypes", _patch_shared_value)
    _after_import("multiprocessing.connection", _patch_raw_messages)
    _after_import("multiprocessing.shared_memory", _patch_shared_memory)


def _patch_raw_messages(connection):
    """Connection.send_bytes, recv_bytes and recv_bytes_into: messages the
    student packed without pickle. (send() and recv() do not call them; a
    Queue's pickles pass through them too, read at a bounded cost.)"""
    cls = connection._ConnectionBase
    if getattr(cls, "_mpkit_traced", False):
        return
    send_bytes, recv_bytes, recv_bytes_into = cls.send_bytes, cls.recv_bytes, cls.recv_bytes_into

    def traced_send_bytes(self, buf, offset=0, size=None):
        send_bytes(self, buf, offset, size)
        try:
            view = memoryview(buf).cast("B")
            _sending(view[offset:len(view) if size is None else offset + size], "message")
        except Exception:  # not a flat buffer: nothing to read a PID from
            pass

    def traced_recv_bytes(self, maxlength=None):
        data = recv_bytes(self, maxlength)
        _receiving(data, "message")
        return data

    def traced_recv_bytes_into(self, buf, offset=0):
        size = recv_bytes_into(self, buf, offset)
        try:
            _receiving(memoryview(buf).cast("B")[offset:offset + size], "message")
        except Exception:
            pass
        return size

    cls.send_bytes, cls.recv_bytes, cls.recv_bytes_into = traced_send_bytes, traced_recv_bytes, traced_recv_bytes_into
    cls._mpkit_traced = True
    # connection.wait() on a child's sentinel waits for it to end, as join() does.
    wait = connection.wait

    @functools.wraps(wait)
    def traced_wait(object_list, timeout=None):
        object_list = list(object_list)
        if _sentinels and _student_called():
            for obj in object_list:
                process = _sentinels.get(obj) if isinstance(obj, int) else None
                if process is not None:
                    _waiting_for(process, timeout, "wait")
        return wait(object_list, timeout)

    connection.wait = traced_wait


def _patch_shared_memory(shared_memory):
    """multiprocessing.shared_memory.SharedMemory (and the ShareableList on
    one): its writes cannot be seen, so a child reads the start of each block
    it opened when it closes it or ends (_scan_shared), like a RawValue."""
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


def _patch_shared_value(sharedctypes):
    """multiprocessing.Value(...).value, read and written."""
    cls = sharedctypes.Synchronized
    if getattr(cls, "_mpkit_traced", False):
        return
    value = cls.value

    def get(self):
        got = value.fget(self)
        _receiving(got, "Value")
        return got

    def set_(self, new):
        value.fset(self, new)
        _sending(new, "Value")

    cls.value = property(get, set_, doc=value.__doc__)
    cls._mpkit_traced = True
    # Raw shared objects (RawValue, RawArray, Value(lock=False), and the raw
    # object under an Array): their writes cannot be seen, so a child looks
    # at them when it ends (_scan_shared). They are made by _new_value, or
    # rebuilt from a pickle by rebuild_ctype in a spawned child.
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


_shared = []  # raw shared ctypes objects this process made or received (the first 32)
_written_visibly = set()  # ids of those whose writes the trace sees (a Value's, with its lock)


def _keep_shared(obj):
    if len(_shared) < 32:
        _shared.append(obj)
    return obj


def _scan_shared():
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
        _sending(values, "shared memory")


def _scan_block(shm):
    """The first 64 bytes of an open SharedMemory, as _bytes_numbers reads them."""
    try:
        if shm.buf is not None:  # None once closed
            _sending(bytes(shm.buf[:64]), "shared memory")
    except Exception:
        pass


def _patch_pool(pool):
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


def _patch_print():
    """Record when a process prints to stdout or stderr (for the feedback's timeline)."""
    import builtins

    original = builtins.print

    @functools.wraps(original)
    def traced_print(*args, **kwargs):
        result = original(*args, **kwargs)
        if _state["prints"] < PRINTS_RECORDED:
            target = kwargs.get("file")
            stream = "out" if target is None or target is sys.stdout else "err" if target is sys.stderr else None
            if stream:
                _state["prints"] += 1
                emit("print", stream=stream)
        return result

    builtins.print = traced_print


def _patch_threads():
    inner, join, is_alive = threading.Thread._bootstrap_inner, threading.Thread.join, threading.Thread.is_alive

    def ended_seen(self):
        # join(), or is_alive() polled until False: either way the caller waited
        # for the thread to end. Recorded once.
        if self.native_id is not None and not getattr(self, "_mpkit_joined", False):
            self._mpkit_joined = True
            emit("thread_join", thread=self.native_id)

    def traced_join(self, timeout=None):
        join(self, timeout)
        if not is_alive(self):
            ended_seen(self)

    def traced_is_alive(self):
        alive = is_alive(self)
        if not alive and self._started.is_set():
            ended_seen(self)
        return alive

    def traced_inner(self):
        tid = threading.get_native_id()
        target = _target_of(self, threading.Thread)
        emit("thread_start", thread=tid, name=self.name, target=target, globals=snapshot_globals())
        try:
            inner(self)
        finally:
            emit("thread_end", thread=tid, target=target, globals=snapshot_globals())

    threading.Thread._bootstrap_inner = traced_inner
    threading.Thread.join = traced_join
    threading.Thread.is_alive = traced_is_alive


# Student functions to watch: "module:func,func". Each call records the pid
# that ran it, its arguments and its result.
def _watch_spec():
    module, _, names = os.environ.get("MPKIT_WATCH_CALLS", "").partition(":")
    return module, [n for n in names.split(",") if n]


def wrap_functions(module, names):

    for name in names:
        func = getattr(module, name, None)
        if not callable(func) or getattr(func, "__mpkit_watched__", False):
            continue

        def make(func=func, name=name):
            @functools.wraps(func)
            def watched(*args, **kwargs):
                emit("call", fn=name, args=describe(list(args)), thread=threading.get_native_id())
                try:
                    result = func(*args, **kwargs)
                except BaseException as exc:
                    emit("raise", fn=name, error=type(exc).__name__)
                    raise
                emit("return", fn=name, value=describe(result))
                return result

            watched.__mpkit_watched__ = True
            return watched

        setattr(module, name, make())


class _AfterImport:
    """Calls then(module) right after the module `name` is imported."""

    def __init__(self, name, then):
        self.name, self.then = name, then

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        exec_module = getattr(loader, "exec_module", None)
        if exec_module is None:
            return spec
        then = self.then

        def traced_exec(module):
            exec_module(module)
            then(module)

        loader.exec_module = traced_exec
        return spec


def _after_import(name, then):
    """then(module) whenever the module `name` is imported, and at once if it
    already is (then must tolerate being called twice)."""
    if name in sys.modules:
        then(sys.modules[name])
    sys.meta_path.insert(0, _AfterImport(name, then))


def _same_cpu_count():
    """Every grading machine reports the same number of CPUs to the student's
    code, so Pool() without a size (one worker per CPU) grades the same on a
    laptop, a CI runner and Gradescope."""
    try:
        count = int(os.environ.get("MPKIT_CPU_COUNT", ""))
    except ValueError:
        return
    os.cpu_count = lambda: count
    if hasattr(os, "process_cpu_count"):  # Python 3.13+: what Pool() asks
        os.process_cpu_count = lambda: count


def install():
    global _installed
    if _installed or not RUN_DIR:
        return
    _installed = True
    _born("exec")
    _same_cpu_count()
    _mpkit_guard.install(RUN_DIR)
    if _mpkit_guard.processes_started(RUN_DIR) > _mpkit_guard.max_processes():
        # A process started without a fork (spawn, forkserver) beyond the limit.
        emit("refused", reason="processes")
        _mpkit_guard.mark_limit("processes")
        os._exit(1)
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=lambda: _born("fork"))
    module, names = _watch_spec()
    if module and names:
        _after_import(module, lambda m: wrap_functions(m, names))
    _patch_processes()
    _patch_channels()
    _after_import("multiprocessing.pool", _patch_pool)
    _patch_threads()
    _patch_print()
