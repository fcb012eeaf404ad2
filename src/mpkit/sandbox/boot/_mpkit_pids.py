"""Where a PID is in a message: the one reading both sides of the boundary use.

The recorder (in the run's processes, _mpkit_trace_messages) reads the
values and pickle streams multiprocessing sends; the kernel observer (in the
grader, ../flows.py) reads the bytes a process wrote or read through the
kernel. Both look for a given set of PIDs the same way: as an int anywhere in
a pickle stream, as the digits of a short text, or as a raw word of a short
buffer (struct.pack, int.to_bytes, a numpy array), in either byte order. A
C-speed substring search for the few byte patterns a PID can take comes
first; only data holding one is parsed.
Standard library only (and _mpkit_stdlib, beside it): it runs in the
student's processes too.
"""
import re

try:  # in a run's processes, the boot folder is on the path; in the grader, a package
    from _mpkit_stdlib import private_module
except ImportError:
    from ._mpkit_stdlib import private_module

# A whole number a PID could be: int() of 4300 digits raises (rt21 stopped the tracer so).
_DIGITS = re.compile(r"(?<!\d)\d{1,10}(?!\d)")
_BDIGITS = re.compile(rb"(?<!\d)\d{1,10}(?!\d)")
SMALL = 200  # texts and bytes longer than this hold no PID we look for

_patterns = {}  # pid -> the byte strings any encoding of it contains


# In the run's processes these functions read what the task's code sends,
# which can replace this module's globals: what they use is bound when they
# are defined (default arguments; the cache too, whose name is deleted below).
def patterns_of(pid, _patterns=_patterns, _max=max, _str=str, _len=len):
    found = _patterns.get(pid)
    if found is None:
        size = _max(1, (pid.bit_length() + 7) // 8)
        # Digits: protocol 0 ints, texts, ASCII bytes. The shortest bytes in
        # either order: inside every binary int opcode (BININT1/2, BININT,
        # LONG1 are little-endian) and every raw word bytes_numbers reads.
        found = (_str(pid).encode(), pid.to_bytes(size, "little"), pid.to_bytes(size, "big")) if pid >= 0 else ()
        if _len(_patterns) < 4096:
            _patterns[pid] = found
    return found


def bytes_numbers(data, _small=SMALL, _digits=_BDIGITS.findall, _memoryview=memoryview, _bytes=bytes, _set=set,
                  _map=map, _int=int, _len=len, _range=range, _from_bytes=int.from_bytes):
    """The ints small raw bytes may hold: digits of ASCII text (str(pid).encode()),
    and the whole of up to 8 bytes or each aligned 4- and 8-byte word of up to 64,
    read in either byte order."""
    if _memoryview(data).nbytes > _small:
        return _set()
    data = _bytes(data)
    found = _set(_map(_int, _digits(data))) if data.isascii() else _set()
    if _len(data) <= 64:
        words = [data] if _len(data) <= 8 else []
        words += [data[i:i + size] for size in (4, 8) for i in _range(0, _len(data) - size + 1, size)]
        for order in ("little", "big"):
            found.update(_from_bytes(word, order) for word in words)
    return found


def maybe_holding(raw, wanted, _patterns_of=patterns_of, _any=any):
    """Those of `wanted` whose byte patterns occur in raw (a cheap first look)."""
    return {pid for pid in wanted if _any(p in raw for p in _patterns_of(pid))}


def _genops(raw, _loaded=[], _private_module=private_module, _vars=vars):
    """pickletools.genops, loaded the first time a stream may hold a PID (its
    opcode tables cost every process 4 ms to build), from the library's own
    file into a namespace of its own, which sys.modules does not reach."""
    if not _loaded:
        namespace = _private_module("pickletools.py", "_mpkit_pickletools")
        if namespace is None:  # no source file (a zipped library)
            import pickletools as namespace

            namespace = _vars(namespace)
        _loaded.append(namespace["genops"])
    return _loaded[0](raw)


def stream_pids(data, wanted, maybe=None, _genops=_genops, _bytes=bytes, _maybe_holding=maybe_holding, _set=set,
                _isinstance=isinstance,
                _bool=bool, _int=int, _str=str, _raw=(bytes, bytearray), _small=SMALL, _digits=_DIGITS.findall,
                _map=map, _len=len, _bytes_numbers=bytes_numbers, _error=Exception):
    """Those of the PIDs `wanted` that the pickle stream `data` holds. A stream
    genops cannot read to its end still gives what it read before. The
    exit_pid of an executor's result item is not among them: the library's
    worker puts its own PID there, whatever the task's function returned (rt11)."""
    raw = _bytes(data)
    maybe = _maybe_holding(raw, wanted) if maybe is None else maybe
    found = _set()
    if not maybe:
        return found
    result_item, before = False, None
    try:
        for _, arg, _ in _genops(raw):
            if arg is None:  # MEMOIZE, MARK, ...: between a key and its value
                continue
            previous, before = before, arg
            if _isinstance(arg, _bool):
                continue
            if _isinstance(arg, _int):
                if result_item and previous == "exit_pid":
                    continue
                numbers = (arg,)
            elif _isinstance(arg, _str):
                result_item = result_item or arg == "_ResultItem"  # concurrent.futures.process's, named by the stream
                numbers = _map(_int, _digits(arg)) if _len(arg) <= _small else ()
            elif _isinstance(arg, _raw):
                numbers = _bytes_numbers(arg)
            else:
                continue
            found.update(n for n in numbers if n in maybe)
            if found == maybe:
                break
    except _error:  # not (or no longer) a pickle stream
        pass
    return found


def wire_pids(raw, wanted, _maybe_holding=maybe_holding, _stream_pids=stream_pids, _digits=_BDIGITS.findall,
              _bytes_numbers=bytes_numbers, _set=set, _int=int, _len=len):
    """Those of `wanted` in bytes that crossed the kernel: a pickled message
    (multiprocessing's, with or without its 4-byte length header), text
    holding the PID's digits as a whole number, or a short raw buffer."""
    maybe = _maybe_holding(raw, wanted)
    if not maybe:
        return _set()
    found = _set()
    if raw[:1] == b"\x80" or raw[4:5] == b"\x80":  # pickle protocol 2+: PROTO opcode
        found |= _stream_pids(raw if raw[:1] == b"\x80" else raw[4:], maybe, maybe)
    if found != maybe:
        found |= {_int(d) for d in _digits(raw) if _int(d) in maybe}
    if found != maybe and _len(raw) <= 64:
        found |= _bytes_numbers(raw) & maybe
    return found


del _patterns
