"""The standard library's own code, read from its files without importing it.

The recorder tells the standard library's code from the graded code by
comparing code objects (_mpkit_trace_poolwork), and reads pickle streams with
pickletools (_mpkit_pids). Importing those modules in every process of a run
would cost each spawned interpreter 10-20 ms (multiprocessing.pool pulls in
queues and connection, concurrent.futures pulls in logging; pickletools builds
its opcode tables), though most processes never use them. So a module's code
is read from its cached bytecode when that is fresh (what the import system
itself would run), else compiled from its source, and nothing of it runs
until asked for. The files are the interpreter's own: the graded code cannot
change them, and sys.modules, which it can change, is not consulted.

Standard library only; captures what it calls at import (the launcher imports
the recorder before any graded code runs).
"""
import _frozen_importlib_external as _external
import _imp
import builtins
import marshal
import os
import types

_STDLIB = os.path.dirname(os.__file__)
_CACHE_FROM_SOURCE = _external.cache_from_source
_MAGIC = _external.MAGIC_NUMBER
_RAW_MAGIC = getattr(_external, "_RAW_MAGIC_NUMBER", None)
_CODE = type((lambda: 0).__code__)


def module_code(relative, _stdlib=_STDLIB, _cache=_CACHE_FROM_SOURCE, _magic=_MAGIC, _raw_magic=_RAW_MAGIC,
                _open=open, _stat=os.stat, _loads=marshal.loads, _compile=compile, _hash=_imp.source_hash,
                _join=os.path.join, _from_bytes=int.from_bytes):
    """The code object of the stdlib module at `relative` ("multiprocessing/pool.py"),
    or None where the interpreter has no such source file."""
    source = _join(_stdlib, *relative.split("/"))
    try:
        st = _stat(source)
    except OSError:
        return None
    try:
        with _open(_cache(source), "rb") as f:
            data = f.read()
    except (OSError, NotImplementedError, ValueError):
        data = b""
    if data[:4] == _magic and len(data) > 16:
        flags = _from_bytes(data[4:8], "little")
        if flags == 0:  # checked against the source's modification time and size
            fresh = (_from_bytes(data[8:12], "little") == int(st.st_mtime) & 0xFFFFFFFF
                     and _from_bytes(data[12:16], "little") == st.st_size & 0xFFFFFFFF)
        elif flags & 0b10 and _raw_magic is not None:  # checked against the source's hash
            with _open(source, "rb") as f:
                fresh = data[8:16] == _hash(_raw_magic, f.read())
        else:  # unchecked: the import system runs it as it is
            fresh = True
        if fresh:
            try:
                return _loads(memoryview(data)[16:])
            except (ValueError, EOFError, TypeError):
                pass
    with _open(source, "rb") as f:
        return _compile(f.read(), source, "exec", dont_inherit=True)


def find(code, *names, _code_type=_CODE, _isinstance=isinstance):
    """The code object at the path `names` inside `code` ("SimpleQueue", "get":
    a class body, then a method of it), or None."""
    for name in names:
        code = next((c for c in code.co_consts if _isinstance(c, _code_type) and c.co_name == name), None)
        if code is None:
            return None
    return code


def private_module(relative, name, _module_code=module_code, _builtins=builtins, _exec=exec):
    """The stdlib module at `relative`, run in a namespace of its own that is not
    in sys.modules (what it imports still comes from there), as a dict."""
    code = _module_code(relative)
    if code is None:
        return None
    namespace = {"__name__": name, "__builtins__": _builtins}
    _exec(code, namespace)
    return namespace


# The library's own functions the recorder gives a meaning, by name, with the
# module and the path of their code in it: the worker loops of a Pool and of a
# ProcessPoolExecutor and a Manager's server (names, _mpkit_trace_values), the
# queue methods between a loop and the pickler, and the run() that calls a
# process's target (frames, _mpkit_trace_poolwork).
LIBRARY = types.MappingProxyType({  # read-only: the task's code reaches module globals
    "multiprocessing.pool.worker": ("multiprocessing.pool", "worker"),
    "concurrent.futures.process._process_worker": ("concurrent.futures.process", "_process_worker"),
    "concurrent.futures.process._sendback_result": ("concurrent.futures.process", "_sendback_result"),
    "multiprocessing.managers.BaseManager._run_server": ("multiprocessing.managers", "BaseManager", "_run_server"),
    "multiprocessing.queues.SimpleQueue.get": ("multiprocessing.queues", "SimpleQueue", "get"),
    "multiprocessing.queues.SimpleQueue.put": ("multiprocessing.queues", "SimpleQueue", "put"),
    "multiprocessing.queues.Queue.get": ("multiprocessing.queues", "Queue", "get"),
    "multiprocessing.process.BaseProcess.run": ("multiprocessing.process", "BaseProcess", "run"),
})
_KNOWN = {}  # name -> code, as read (below: in no module global)


def library_code(name, _known=_KNOWN, _library=LIBRARY, _module_code=module_code, _find=find):
    """The code of the library's function `name` (a key of LIBRARY) as the
    library's file has it, or None. A module's file is read once, for all of
    its functions in the table."""
    if name not in _known:
        module = _library[name][0]
        code = _module_code(module.replace(".", "/") + ".py")
        for other, (where, *path) in _library.items():
            if where == module:
                _known[other] = _find(code, *path) if code is not None else None
    return _known[name]


def learn_library(_known=_KNOWN, _library=LIBRARY, _stdlib=_STDLIB, _exists=os.path.exists, _join=os.path.join,
                  _getattr=getattr):
    """Where the library has no source files (a zipped library), take each
    function's code from its module as imported: called at the recorder's
    install, before any graded code could change sys.modules."""
    if _exists(_join(_stdlib, "multiprocessing", "pool.py")):
        return
    import importlib

    for name, (module, *path) in _library.items():
        obj = importlib.import_module(module)
        for part in path:
            obj = _getattr(obj, part)
        _known[name] = obj.__code__


del _external, _KNOWN
