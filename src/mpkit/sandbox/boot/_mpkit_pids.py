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

_DIGITS = re.compile(r"(?<!\d)\d{1,10}(?!\d)")  # a whole number a PID could be: int() of 4300 digits raises
_BDIGITS = re.compile(rb"(?<!\d)\d{1,10}(?!\d)")
SMALL = 200  # texts and bytes longer than this hold no PID we look for

_patterns = {}  # pid -> the byte strings any encoding of it contains


def patterns_of(pid):
    found = _patterns.get(pid)
    if found is None:
        size = max(1, (pid.bit_length() + 7) // 8)
        # Digits: protocol 0 ints, texts, ASCII bytes. The shortest bytes in
        # either order: inside every binary int opcode (BININT1/2, BININT,
        # LONG1 are little-endian) and every raw word bytes_numbers reads.
        found = (str(pid).encode(), pid.to_bytes(size, "little"), pid.to_bytes(size, "big")) if pid >= 0 else ()
        if len(_patterns) < 4096:
            _patterns[pid] = found
    return found


def bytes_numbers(data):
    """The ints small raw bytes may hold: digits of ASCII text (str(pid).encode()),
    and the whole of up to 8 bytes or each aligned 4- and 8-byte word of up to 64,
    read in either byte order."""
    if memoryview(data).nbytes > SMALL:
        return set()
    data = bytes(data)
    found = set(map(int, _BDIGITS.findall(data))) if data.isascii() else set()
    if len(data) <= 64:
        words = [data] if len(data) <= 8 else []
        words += [data[i:i + size] for size in (4, 8) for i in range(0, len(data) - size + 1, size)]
        for order in ("little", "big"):
            found.update(int.from_bytes(word, order) for word in words)
    return found


def maybe_holding(raw, wanted):
    """Those of `wanted` whose byte patterns occur in raw (a cheap first look)."""
    return {pid for pid in wanted if any(p in raw for p in patterns_of(pid))}


def _genops(raw, _loaded=[], _private_module=private_module):
    """pickletools.genops, loaded the first time a stream may hold a PID (its
    opcode tables cost every process 4 ms to build), from the library's own
    file into a namespace of its own, which sys.modules does not reach."""
    if not _loaded:
        namespace = _private_module("pickletools.py", "_mpkit_pickletools")
        if namespace is None:  # no source file (a zipped library)
            import pickletools as namespace

            namespace = vars(namespace)
        _loaded.append(namespace["genops"])
    return _loaded[0](raw)


def stream_pids(data, wanted, maybe=None, _genops=_genops):
    """Those of the PIDs `wanted` that the pickle stream `data` holds. A stream
    genops cannot read to its end still gives what it read before."""
    raw = bytes(data)
    maybe = maybe_holding(raw, wanted) if maybe is None else maybe
    found = set()
    if not maybe:
        return found
    try:
        for _, arg, _ in _genops(raw):
            if isinstance(arg, bool) or arg is None:
                continue
            if isinstance(arg, int):
                numbers = (arg,)
            elif isinstance(arg, str):
                numbers = map(int, _DIGITS.findall(arg)) if len(arg) <= SMALL else ()
            elif isinstance(arg, (bytes, bytearray)):
                numbers = bytes_numbers(arg)
            else:
                continue
            found.update(n for n in numbers if n in maybe)
            if found == maybe:
                break
    except Exception:  # not (or no longer) a pickle stream
        pass
    return found


def wire_pids(raw, wanted):
    """Those of `wanted` in bytes that crossed the kernel: a pickled message
    (multiprocessing's, with or without its 4-byte length header), text
    holding the PID's digits as a whole number, or a short raw buffer."""
    maybe = maybe_holding(raw, wanted)
    if not maybe:
        return set()
    found = set()
    if raw[:1] == b"\x80" or raw[4:5] == b"\x80":  # pickle protocol 2+: PROTO opcode
        found |= stream_pids(raw if raw[:1] == b"\x80" else raw[4:], maybe, maybe)
    if found != maybe:
        found |= {int(d) for d in _BDIGITS.findall(raw) if int(d) in maybe}
    if found != maybe and len(raw) <= 64:
        found |= bytes_numbers(raw) & maybe
    return found
