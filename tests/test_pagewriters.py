"""Who wrote shared memory, seen from outside the run (sandbox/pagewriters.py):
real runs of the ways a child can write its PID into memory it shares with
the parent, under fork and spawn, and of the ways another process can put
it there instead. The end-to-end grading is in tests/tamper/f38 and the Q1
corpus; this pins the mechanism one way at a time."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import child_pid_program

from mpkit.sandbox import observer, pagewriters, uffd
from mpkit.sandbox.runner import Limits, RunSpec, run

pytestmark = pytest.mark.skipif((observer.unavailable() or uffd.unavailable()) is not None,
                                reason=f"{observer.unavailable() or uffd.unavailable()}")
WATCHED = Limits(time_limit=20, observe=True)

HEAD = """
import ctypes, fcntl, multiprocessing, os, struct, time
from multiprocessing import shared_memory
from multiprocessing.sharedctypes import RawArray, RawValue
"""

# name -> (the child's target, the parent's code); `returned` is the PID child_pid() returns.
WRITES_ITS_PID = {
    "Value with its lock": ("def send(v): v.value = os.getpid()",
                            "v = multiprocessing.Value('i', 0); p = multiprocessing.Process(target=send, args=(v,));"
                            " p.start(); p.join(); returned = v.value"),
    "RawValue, 8 bytes": ("def send(v): v.value = os.getpid()",
                          "v = RawValue('q', 0); p = multiprocessing.Process(target=send, args=(v,)); p.start();"
                          " p.join(); returned = v.value"),
    "digits in a char array": ("def send(a): a.value = str(os.getpid()).encode()",
                               "a = multiprocessing.Array('c', 16, lock=False);"
                               " p = multiprocessing.Process(target=send, args=(a,)); p.start(); p.join();"
                               " returned = int(a.value)"),
    "SharedMemory, big-endian, the child closes it": (
        "def send(name):\n    b = shared_memory.SharedMemory(name=name)\n"
        "    b.buf[8:12] = os.getpid().to_bytes(4, 'big')\n    b.close()",
        "b = shared_memory.SharedMemory(create=True, size=64);"
        " p = multiprocessing.Process(target=send, args=(b.name,));"
        " p.start(); p.join(); returned = int.from_bytes(b.buf[8:12], 'big'); b.close(); b.unlink()"),
    "digits in a wide-char array (a wchar_t each)": (
        "def send(a): a.value = str(os.getpid())",
        "a = multiprocessing.Array('u', 16, lock=False); p = multiprocessing.Process(target=send, args=(a,));"
        " p.start(); p.join(); returned = int(a.value)"),
    "the parent writes beside it afterwards": (
        "def send(v, other): v.value = os.getpid()",
        "v, other = RawValue('i', 0), RawValue('i', 0); p = multiprocessing.Process(target=send, args=(v, other));"
        " p.start(); p.join(); other.value = 7; returned = v.value"),
}

NOT_WRITTEN_BY_IT = {
    "the parent writes child.pid while the child runs (f38)": (
        "def send(v): time.sleep(0.5)",
        "v = RawValue('i', 0); p = multiprocessing.Process(target=send, args=(v,)); p.start(); v.value = p.pid;"
        " p.join(); returned = v.value"),
    "the child writes beside it, the parent writes the PID": (
        "def send(v, other):\n    other.value = 1\n    time.sleep(0.5)\n    other.value = 2",
        "v, other = RawValue('i', 0), RawValue('i', 0); p = multiprocessing.Process(target=send, args=(v, other));"
        " p.start(); time.sleep(0.2); v.value = p.pid; p.join(); returned = v.value"),
    "the parent writes it through the heap's file": (
        "def send(v, other):\n    other.value = 1\n    time.sleep(0.5)",
        "v, other = RawValue('i', 0), RawValue('i', 0); p = multiprocessing.Process(target=send, args=(v, other));"
        " p.start(); time.sleep(0.2); (arena, start, _), _ = v._wrapper._state;"
        " os.pwrite(arena.fd, struct.pack('i', p.pid), start); p.join(); returned = v.value"),
    "the child copies the PID it was sent": (
        "def send(q, v): v.value = q.get()",
        "q = multiprocessing.Queue(); v = RawValue('i', 0); p = multiprocessing.Process(target=send, args=(q, v));"
        " p.start(); q.put(p.pid); p.join(); returned = v.value"),
    "the child puts back the PID the parent wrote": (
        "def send(v, other):\n    time.sleep(0.1)\n    saved = v.value\n    v.value = 0\n    time.sleep(0.3)\n"
        "    v.value = saved",
        "v, other = RawValue('i', 0), RawValue('i', 0); p = multiprocessing.Process(target=send, args=(v, other));"
        " p.start(); v.value = p.pid; time.sleep(0.25); other.value = 1; p.join(); returned = v.value"),
    "the parent maps the block again in place and writes through it": (
        "def send(name):\n    b = shared_memory.SharedMemory(name=name)\n    b.buf[16] = 1\n    time.sleep(0.5)\n"
        "    b.close()",
        "b = shared_memory.SharedMemory(create=True, size=4096);"
        " p = multiprocessing.Process(target=send, args=(b.name,));"
        " p.start(); time.sleep(0.25); a = shared_memory.SharedMemory(name=b.name); a.close();"
        " c = shared_memory.SharedMemory(name=b.name); c.buf[0:4] = p.pid.to_bytes(4, 'little'); p.join(); c.close();"
        " b.close(); b.unlink(); returned = p.pid"),
    "the child writes its PID into memory of its own": (
        "def send(v):\n    mine = RawValue('i', os.getpid())\n    time.sleep(0.1)",
        "v = RawValue('i', 0); p = multiprocessing.Process(target=send, args=(v,)); p.start(); p.join();"
        " returned = p.pid"),
}


def program(tmp_path: Path, target: str, parent: str) -> Path:
    return child_pid_program(tmp_path, HEAD, target, parent)


def watched(path: Path, method: str):
    record = run(RunSpec(function="child_pid", start_method=method, follow_pids=True), path, WATCHED)
    assert record.kernel is not None and record.kernel.shared_usable, (record.kernel, record.stderr_raw)
    returned = (record.first("call_end") or {}).get("value")
    assert isinstance(returned, int) and returned in {p.pid for p in record.children()}, record.stderr_raw
    return record, returned


@pytest.mark.parametrize("method", ["fork", "spawn"])
@pytest.mark.parametrize("name", WRITES_ITS_PID)
def test_a_child_writing_its_pid_is_seen_writing_it(tmp_path, name, method):
    record, pid = watched(program(tmp_path, *WRITES_ITS_PID[name]), method)
    assert pagewriters.wrote_own_pid(record.kernel, pid), record.kernel.to_json()
    assert not pagewriters.wrote_own_pid(record.kernel, record.main_pid)


@pytest.mark.parametrize("name", NOT_WRITTEN_BY_IT)
def test_a_pid_another_process_wrote_is_not_the_child_s(tmp_path, name):
    record, pid = watched(program(tmp_path, *NOT_WRITTEN_BY_IT[name]), "fork")
    assert not pagewriters.wrote_own_pid(record.kernel, pid), record.kernel.to_json()


RAW_FORK = """
import ctypes, multiprocessing, os, time
from multiprocessing.sharedctypes import RawValue
libc = ctypes.CDLL(None)


def send(v, other):
    other.value = 1
    time.sleep(0.5)


def child_pid():
    v, other = RawValue('i', 0), RawValue('i', 0)
    p = multiprocessing.Process(target=send, args=(v, other))
    p.start()
    time.sleep(0.2)
    pid = p.pid
    helper = libc.fork()  # no at-fork step of Python's: it hands nothing over (nor records anything)
    if helper == 0:
        v.value = pid
        os._exit(0)
    os.waitpid(helper, 0)
    p.join()
    return v.value
"""


def test_a_process_that_hands_nothing_over_leaves_its_memory_unseen(tmp_path, monkeypatch):
    monkeypatch.setenv("MPKIT_GUARD_CTYPES", "allow")  # the kernel layer alone
    path = tmp_path / "task.py"
    path.write_text(RAW_FORK, encoding="utf-8")
    record, pid = watched(path, "fork")
    assert record.kernel.shared_unseen, record.kernel.to_json()
    assert not pagewriters.wrote_own_pid(record.kernel, pid)


SETUP_REFUSED = """
import ctypes, fcntl, os


def refused():
    fd = ctypes.CDLL(None).syscall(323, os.O_CLOEXEC)  # userfaultfd (x86_64): made, and handed to the tracer
    try:
        fcntl.ioctl(fd, 0xC018AA3F, bytearray(24))  # UFFDIO_API: the tracer's alone
    except OSError as exc:
        return exc.errno
    return "set up"
"""


@pytest.mark.skipif(__import__("platform").machine() != "x86_64", reason="x86_64 syscall numbers")
def test_the_run_may_not_set_a_userfaultfd_up(tmp_path, monkeypatch):
    monkeypatch.setenv("MPKIT_GUARD_CTYPES", "allow")
    path = tmp_path / "task.py"
    path.write_text(SETUP_REFUSED, encoding="utf-8")
    record = run(RunSpec(function="refused", follow_pids=True), path, WATCHED)
    assert (record.first("call_end") or {}).get("value") == 1, record.stderr_raw  # EPERM


def test_runs_that_do_not_follow_pids_are_not_watched(tmp_path):
    path = program(tmp_path, *WRITES_ITS_PID["RawValue, 8 bytes"])
    record = run(RunSpec(function="child_pid", start_method="fork"), path, WATCHED)
    assert record.kernel.usable and not record.kernel.shared_watched and not record.kernel.shared_writes


PID = 0x0012D687  # its bytes, little-endian: 87 D6 12 00
ME, PARENT = PID, 42


@pytest.mark.parametrize("content, writers, expected", [
    (PID.to_bytes(4, "little") + bytes(12), [ME] * 3 + [0] * 13, True),  # its zero byte was zero before
    (bytes(8) + PID.to_bytes(8, "big"), [0] * 13 + [ME] * 3, True),
    (b"pid=1234567\0\0\0\0\0".replace(b"1234567", str(PID).encode()), [0] * 4 + [ME] * 7 + [0] * 5, True),
    (PID.to_bytes(4, "little") + bytes(12), [PARENT] * 3 + [0] * 13, False),  # the parent wrote it
    (PID.to_bytes(4, "little") + bytes(12), [ME, PARENT, ME] + [0] * 13, False),  # one byte of it the parent's
    (PID.to_bytes(4, "little") + b"\1" + bytes(11), [PARENT] * 3 + [0, ME] + [0] * 11, False),  # it wrote beside it
    (b"\0" + PID.to_bytes(4, "little") + bytes(11), [0] + [ME] * 4 + [0] * 11, False),  # not aligned: no number
    (b"9" + str(PID).encode() + bytes(8), [PARENT] + [ME] * 7 + [0] * 8, False),  # a longer number, not the PID
])
def test_a_pid_counts_if_its_writer_wrote_every_byte_of_it(content, writers, expected):
    assert pagewriters.holds_pid(content, writers, PID) is expected


def test_the_bytes_that_changed_are_found():
    before = bytes(32)
    after = bytearray(before)
    after[3], after[17] = 1, 2
    assert pagewriters.changed(before, bytes(after)) == [3, 17]
    assert pagewriters.changed(before, before) == []


def test_a_pid_is_found_as_the_recorder_reads_numbers():
    wide = str(PID).encode("utf-32-le")
    assert pagewriters.pid_spans(b"x=000" + str(PID).encode() + b";", PID) == [(2, 12)]  # zeros before it
    assert pagewriters.pid_spans(b"9" + str(PID).encode(), PID) == []  # a longer number
    assert pagewriters.pid_spans(wide + bytes(4), PID) == [(0, len(wide))]
    assert pagewriters.pid_spans("9".encode("utf-32-le") + wide, PID) == []


def test_bytes_there_before_the_child_was_born_are_no_one_s_knowledge():
    content = PID.to_bytes(4, "little") + bytes(12)
    writers = [ME, PARENT, PARENT] + [0] * 13  # only its low byte changed: the parent's PID shares the rest
    seen = [50, 10, 10] + [0] * 13
    assert pagewriters.holds_pid(content, writers, PID, seen, born=20)
    assert not pagewriters.holds_pid(content, writers, PID, seen, born=5)  # the parent wrote them once it was born
    assert not pagewriters.given_pid(content, writers, PID, seen, born=20)
    assert pagewriters.given_pid(content, writers, PID, seen, born=5)
