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


del _external
