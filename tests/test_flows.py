"""PIDs passed between processes, as the kernel observer sees them
(sandbox/flows.py): real runs of the ways a child can send its PID back,
under fork and spawn, and the ways a parent can come by it without the
child sending it. The end-to-end grading of such attacks is in tests/tamper/
(p0*.py); this pins the mechanism one channel at a time."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import child_pid_program

from mpkit.sandbox import flows, observer
from mpkit.sandbox.runner import Limits, RunSpec, run

pytestmark = pytest.mark.skipif(observer.unavailable() is not None, reason=f"{observer.unavailable()}")
FOLLOWED = Limits(time_limit=20, observe=True)

HEAD = """
import multiprocessing, os, socket, struct, tempfile, time
from concurrent.futures import ProcessPoolExecutor
"""

# name -> (the child's target, how the parent gets the PID); `returned` is the PID child_pid() returns.
SENT = {
    "queue": ("def send(q): q.put(os.getpid())",
              "q = multiprocessing.Queue(); p = multiprocessing.Process(target=send, args=(q,)); p.start();"
              " returned = q.get(); p.join()"),
    "simple queue": ("def send(q): q.put({'pid': os.getpid()})",
                     "q = multiprocessing.SimpleQueue(); p = multiprocessing.Process(target=send, args=(q,));"
                     " p.start(); returned = q.get()['pid']; p.join()"),
    "duplex pipe (a socket pair)": ("def send(c): c.send(f'my pid is {os.getpid()}')",
                                    "a, b = multiprocessing.Pipe(); p = multiprocessing.Process(target=send, args=(b,));"
                                    " p.start(); returned = int(a.recv().split()[-1]); p.join()"),
    "raw bytes on a one-way pipe": ("def send(c): c.send_bytes(struct.pack('<i', os.getpid()))",
                                    "r, w = multiprocessing.Pipe(False); p = multiprocessing.Process(target=send,"
                                    " args=(w,)); p.start(); returned = struct.unpack('<i', r.recv_bytes())[0];"
                                    " p.join()"),
    "manager queue (relayed by the manager's process)": (
        "def send(q): q.put(os.getpid())",
        "m = multiprocessing.Manager(); q = m.Queue(); p = multiprocessing.Process(target=send, args=(q,));"
        " p.start(); returned = q.get(); p.join(); m.shutdown()"),
    "pool result": ("def send(_): return os.getpid()",
                    "pool = multiprocessing.Pool(1); returned = pool.map(send, [0])[0]; pool.close(); pool.join()"),
    "executor result": ("def send(): return os.getpid()",
                        "ex = ProcessPoolExecutor(1); returned = ex.submit(send).result(); ex.shutdown()"),
    "a file": ("def send(path):\n    with open(path, 'w') as f: f.write(str(os.getpid()))",
               "path = os.path.join(tempfile.gettempdir(), 'pid.txt');"
               " p = multiprocessing.Process(target=send, args=(path,)); p.start(); p.join();"
               " returned = int(open(path).read())"),
    "a raw socket pair": ("def send(s): s.sendall(str(os.getpid()).encode())",
                          "a, b = socket.socketpair(); p = multiprocessing.Process(target=send, args=(b,)); p.start();"
                          " returned = int(a.recv(64)); p.join()"),
}

NOT_SENT = {
    "process.pid": ("def send(): pass",
                    "p = multiprocessing.Process(target=send); p.start(); p.join(); returned = p.pid"),
    "the parent's own message": ("def send(q): pass",
                                 "q = multiprocessing.Queue(); p = multiprocessing.Process(target=send, args=(q,));"
                                 " p.start(); p.join(); q.put(p.pid); returned = q.get()"),
    "sent where the parent does not read": (
        "def send(q, other): other.put(os.getpid())",
        "q, other = multiprocessing.Queue(), multiprocessing.Queue();"
        " p = multiprocessing.Process(target=send, args=(q, other)); p.start(); p.join(); q.put(p.pid);"
        " returned = q.get()"),
    "the parent's copy through a manager": (
        "def send(q): pass",
        "m = multiprocessing.Manager(); q = m.Queue(); p = multiprocessing.Process(target=send, args=(q,));"
        " p.start(); p.join(); q.put(p.pid); returned = q.get(); m.shutdown()"),
    "the parent writing into the child's channel too": (
        "def send(c):\n    time.sleep(0.3)\n    c.send(os.getpid())",
        "r, w = multiprocessing.Pipe(False); p = multiprocessing.Process(target=send, args=(w,)); p.start();"
        " w.send(p.pid); returned = r.recv(); p.join()"),
}


def program(tmp_path: Path, target: str, parent: str) -> Path:
    return child_pid_program(tmp_path, HEAD, target, parent)


def followed(path: Path, method: str):
    record = run(RunSpec(function="child_pid", start_method=method, follow_pids=True), path, FOLLOWED)
    assert record.kernel is not None and record.kernel.flows_usable, record.kernel
    returned = (record.first("call_end") or {}).get("value")
    assert isinstance(returned, int) and returned in {p.pid for p in record.children()}, record.stderr_raw
    return record, returned


@pytest.mark.parametrize("method", ["fork", "spawn"])
@pytest.mark.parametrize("name", SENT)
def test_a_pid_the_child_sent_is_seen_travelling_to_the_parent(tmp_path, name, method):
    record, pid = followed(program(tmp_path, *SENT[name]), method)
    assert flows.travelled(record.kernel, pid, record.main_pid), record.kernel.flows


@pytest.mark.parametrize("name", NOT_SENT)
def test_a_pid_the_child_did_not_send_did_not_travel(tmp_path, name):
    record, pid = followed(program(tmp_path, *NOT_SENT[name]), "fork")
    assert not flows.travelled(record.kernel, pid, record.main_pid), record.kernel.flows


def test_runs_that_do_not_ask_are_not_followed(tmp_path):
    path = program(tmp_path, *SENT["queue"])
    record = run(RunSpec(function="child_pid", start_method="fork"), path, FOLLOWED)
    assert record.kernel.usable and not record.kernel.flows_usable and not record.kernel.flows


IO_URING_AND_VM_WRITE = """
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)

def refused():
    libc.syscall.restype = ctypes.c_long
    results = []
    for nr in (425, 311):  # io_uring_setup, process_vm_writev (x86_64)
        ctypes.set_errno(0)
        results.append([libc.syscall(nr, 0, 0, 0, 0, 0, 0), ctypes.get_errno()])
    return results
"""


@pytest.mark.skipif(__import__("platform").machine() != "x86_64", reason="x86_64 syscall numbers")
def test_the_doors_past_the_tracer_are_shut(tmp_path, monkeypatch):
    monkeypatch.setenv("MPKIT_GUARD_CTYPES", "allow")  # the kernel layer alone
    path = tmp_path / "task.py"
    path.write_text(IO_URING_AND_VM_WRITE, encoding="utf-8")
    record = run(RunSpec(function="refused", follow_pids=True), path, FOLLOWED)
    assert (record.first("call_end") or {}).get("value") == [[-1, 38], [-1, 1]], record.stderr_raw  # ENOSYS, EPERM


def test_a_unix_socket_s_peer_is_found():
    import os
    import socket

    a, b = socket.socketpair()
    with a, b:
        ia, ib = os.fstat(a.fileno()).st_ino, os.fstat(b.fileno()).st_ino
        assert (flows.unix_peer(ia), flows.unix_peer(ib)) == (ib, ia)
    with socket.socket() as inet:
        assert flows.unix_peer(os.fstat(inet.fileno()).st_ino) is None
