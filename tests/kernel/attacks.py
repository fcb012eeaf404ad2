"""Attacks on the kernel layer, run as a task file (tests/test_kernel_sandbox.py).

Every door goes through the C library (ctypes) or the kernel directly, where
the audit hook cannot see, so what stops them is the kernel. `attack()`
returns {door: what happened}; "GOT ..." means the door opened.
"""
import ctypes
import errno
import json
import mmap
import multiprocessing
import os
import socket

_libc = ctypes.CDLL(None, use_errno=True)
O_PATH = getattr(os, "O_PATH", 0o10000000)


def _err():
    code = ctypes.get_errno()
    return f"denied {errno.errorcode.get(code, code)}"


def _c_read(path, flags=os.O_RDONLY):
    fd = _libc.open(os.fsencode(path), flags)
    if fd < 0:
        return _err()
    buf = ctypes.create_string_buffer(4096)
    n = _libc.read(fd, buf, 4096)
    _libc.close(fd)
    return f"GOT {buf.raw[:max(n, 0)]!r}" if n >= 0 else _err()


def _c_write(path):
    fd = _libc.open(os.fsencode(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    if fd < 0:
        return _err()
    _libc.write(fd, b"tampered\n", 9)
    _libc.close(fd)
    return "WROTE"


def read_secret(secret):
    """What a child can do: read the secret through the C library."""
    return _c_read(secret)


def _child(secret, queue):
    queue.put(read_secret(secret))


def _in_child(method, secret):
    ctx = multiprocessing.get_context(method)
    queue = ctx.Queue()
    child = ctx.Process(target=_child, args=(secret, queue))
    child.start()
    got = queue.get(timeout=20)
    child.join()
    return got


def attack(secret, hidden_dir, writable_outside, grader_pid, grader_fd, port, abstract):
    out = {}
    out["libc open+read"] = _c_read(secret)
    out["libc open dir"] = _c_read(hidden_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        out["os.listdir"] = f"GOT {os.listdir(hidden_dir)}"
    except OSError as exc:
        out["os.listdir"] = f"denied {exc}"
    fd = _libc.open(os.fsencode(secret), os.O_RDONLY)
    if fd >= 0:
        out["mmap"] = f"GOT {mmap.mmap(fd, 0, prot=mmap.PROT_READ)[:100]!r}"
    else:
        out["mmap"] = "no descriptor to map: " + _err()
    # An O_PATH descriptor opens (Landlock does not check it); reopening it
    # through /proc/self/fd is a real open, checked against the file's path.
    fd = _libc.open(os.fsencode(secret), O_PATH)
    out["/proc/self/fd reopen"] = _c_read(f"/proc/self/fd/{fd}") if fd >= 0 else "no O_PATH: " + _err()
    out["/proc/grader/fd"] = _c_read(f"/proc/{grader_pid}/fd/{grader_fd}")
    out["/proc/grader/root"] = _c_read(f"/proc/{grader_pid}/root{secret}")
    tmp = os.environ.get("TMPDIR", "/tmp")
    link = os.path.join(tmp, "sym")
    _libc.symlink(os.fsencode(secret), os.fsencode(link))
    out["symlink in temp"] = _c_read(link)
    hard = os.path.join(tmp, "hard")
    made = _libc.link(os.fsencode(secret), os.fsencode(hard))
    out["hard link in temp"] = _c_read(hard) if made == 0 else "link: " + _err()
    moved = _libc.rename(os.fsencode(secret), os.fsencode(os.path.join(tmp, "moved")))
    out["rename out"] = "MOVED" if moved == 0 else _err()
    for name, path in writable_outside.items():
        out[f"write {name}"] = _c_write(path)
    out["write work"] = _c_write(os.path.join(os.getcwd(), "mine.txt"))
    out["write temp"] = _c_write(os.path.join(tmp, "mine.txt"))
    out["kill grader"] = "SENT" if _libc.kill(grader_pid, 0) == 0 else _err()
    out["kill launcher/parent"] = "SENT" if _libc.kill(os.getppid(), 0) == 0 else _err()
    sock = socket.socket()
    try:
        sock.connect(("127.0.0.1", port))
        out["tcp connect"] = "CONNECTED"
    except OSError as exc:
        out["tcp connect"] = f"denied {exc}"
    finally:
        sock.close()
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.connect("\0" + abstract)
        out["abstract unix socket"] = "CONNECTED"
    except OSError as exc:
        out["abstract unix socket"] = f"denied {exc}"
    finally:
        sock.close()
    for method in ("fork", "spawn", "forkserver"):
        out[f"child {method}"] = _in_child(method, secret)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        out["pool worker"] = pool.apply(read_secret, (secret,))
    return json.dumps(out)
