"""PIDs passed between a run's processes, seen by the kernel observer (Linux).

A task may ask a child to send its own PID to the parent. The parent knows
child.pid without any sending, so the verdict needs to know that the PID
travelled, and the record the run's processes write about their messages
is theirs to forge. Here the tracer (observer.py) stops every call that
moves bytes through a file descriptor (boot/_mpkit_observed.IO_CALLS), reads
the bytes from the process's memory and notes, for each that holds a PID of
the run (boot/_mpkit_pids.wire_pids), who wrote or read it, when, and on
which channel: a pipe, a socket (a write lands at its peer, found with
sock_diag), or a file the student's code made. Multiprocessing's Pipe,
Queue, SimpleQueue, Manager, Pool and executors all move their messages
this way; shared memory (Value, Array, SharedMemory) does not, and is left
to the recorder.

`travelled(kernel, pid, to)` then follows the PID from its own process: a
process holds it once it read it from a channel into which a holder wrote
it; a channel into which a process that did not hold it wrote it (the
parent putting child.pid there itself), or wrote bytes the tracer could not
read (sendfile, splice), proves nothing.
"""
from __future__ import annotations

import os
import platform
import socket
import stat
import struct
from dataclasses import dataclass

from .boot._mpkit_observed import IO_CALLS
from .boot._mpkit_pids import wire_pids
from .ptrace import _read_memory

CAP = 64 * 1024  # bytes read of one call: a PID sent back is in a small message

_READS = {"read", "pread64", "recvfrom", "readv", "preadv", "preadv2", "recvmsg"}
_WRITES = {"write", "pwrite64", "sendto", "writev", "pwritev", "pwritev2", "sendmsg", "vmsplice"}
# Calls that write bytes the tracer does not read, and which argument is the fd written to.
_OPAQUE = {"sendfile": 0, "splice": 2, "tee": 1, "copy_file_range": 2, "sendmmsg": 0}
_VECTORED = {"readv", "preadv", "preadv2", "writev", "pwritev", "pwritev2", "vmsplice"}
_MESSAGE = {"recvmsg", "sendmsg"}  # struct msghdr: its iovec array at offset 16, its length at 24


@dataclass
class Flow:
    t_ns: int
    pid: int  # the process (thread group) that wrote or read
    way: str  # "w" or "r"
    channel: tuple  # ("pipe", ino), ("socket", ino) where the bytes land, ("file", dev, ino)
    pids: tuple  # the run's PIDs the bytes held; () for an opaque write, or a file's write that held none
    opaque: bool = False


class FlowWatch:
    """The observer's reading of one run's byte-moving calls (tracer thread only)."""

    def __init__(self, record, run_dir):
        self.record = record
        self.calls = {nr: name for name, nr in IO_CALLS.get(platform.machine(), {}).items()}
        self._kit = str(run_dir).rstrip(os.sep) + os.sep if run_dir else None
        # The student's code writes in the run's work and temp folders; the rest
        # of the run folder is the kit's (the record, the captured output).
        self._own = (self._kit + "work" + os.sep, self._kit + "tmp" + os.sep) if self._kit else ()
        self._peers: dict = {}

    def wanted(self) -> set:
        return {p.pid for p in self.record.procs}

    def entry(self, tid: int, tgid: int, name: str, args, now: int):
        """At the call's seccomp stop. Returns what the exit stop needs (a read), or None."""
        if name in _OPAQUE:
            channel = self._channel(tid, args[_OPAQUE[name]], writing=True)
            if channel is not None:
                self.record.flows.append(Flow(now, tgid, "w", channel, (), opaque=True))
            return None
        writing = name in _WRITES
        if not writing and name not in _READS:
            return None  # recvmmsg: several messages at once; no multiprocessing channel reads that way
        channel = self._channel(tid, args[0], writing=writing)
        if channel is None:
            return None
        if not writing:
            return channel, name, args
        data = self._bytes(tid, name, args, CAP)
        if data is None:
            self.record.flows.append(Flow(now, tgid, "w", channel, (), opaque=True))
            return None
        try:
            pids = wire_pids(data, self.wanted())
        except Exception:  # bytes this reading cannot take: what they held is unknown, as for sendfile
            self.record.flows.append(Flow(now, tgid, "w", channel, (), opaque=True))
            return None
        if pids or channel[0] == "file":  # every write into a file: it may be shared memory (pagewriters.py)
            self.record.flows.append(Flow(now, tgid, "w", channel, tuple(sorted(pids))))
        return None

    def exit(self, tid: int, tgid: int, pending, rval: int, now: int) -> None:
        """At a read's exit stop: rval bytes arrived."""
        channel, name, args = pending
        if rval <= 0:
            return
        data = self._bytes(tid, name, args, min(rval, CAP))
        try:
            pids = wire_pids(data, self.wanted()) if data else None
        except Exception:  # unreadable: it proves nothing travelled
            pids = None
        if pids:
            self.record.flows.append(Flow(now, tgid, "r", channel, tuple(sorted(pids))))

    # -- where, and what ------------------------------------------------------
    def _channel(self, tid: int, fd: int, writing: bool):
        fd = fd & 0xFFFFFFFF
        if fd >= 0x80000000:
            return None
        link = f"/proc/{tid}/fd/{fd}"
        try:
            path = os.readlink(link)
            if not writing and path.endswith((".pyc", ".py", ".so")):
                return None  # code being imported (the most of a spawned child's reads): no stat
            st = os.stat(link)
        except OSError:
            return None
        if stat.S_ISFIFO(st.st_mode):
            return ("pipe", st.st_dev, st.st_ino)
        if stat.S_ISSOCK(st.st_mode):
            # Bytes written to a socket arrive at its peer: name the channel by
            # the end they are read from.
            peer = self._peer(st.st_ino) if writing else st.st_ino
            return ("socket", peer) if peer is not None else ("unpaired socket", st.st_ino)
        if stat.S_ISREG(st.st_mode):
            if self._kit and path.startswith(self._kit) and not path.startswith(self._own) and writing:
                return None  # the kit's own files of the run (its record, the output): read, they may give a PID
            if path.startswith(("/proc/", "/sys/")):
                return None  # the kernel's own files
            return ("file", st.st_dev, st.st_ino)
        return None

    def _peer(self, ino: int) -> int | None:
        if ino not in self._peers:
            self._peers[ino] = unix_peer(ino)
        return self._peers[ino]

    def _bytes(self, tid: int, name: str, args, size: int) -> bytes | None:
        if name in _VECTORED:
            return self._gather(tid, args[1], args[2], size)
        if name in _MESSAGE:
            header = _read_memory(tid, args[1], 32)
            if not header or len(header) < 32:
                return None
            iov, count = struct.unpack_from("=QQ", header, 16)
            return self._gather(tid, iov, count, size)
        length = size if name in _READS else min(args[2], size)
        return _read_memory(tid, args[1], length) if length else b""

    def _gather(self, tid: int, iov: int, count: int, size: int) -> bytes | None:
        count = min(count, 64)
        table = _read_memory(tid, iov, 16 * count) if count else b""
        if table is None or len(table) < 16 * count:
            return None
        parts, left = [], size
        for i in range(count):
            base, length = struct.unpack_from("=QQ", table, 16 * i)
            take = min(length, left)
            if take:
                part = _read_memory(tid, base, take)
                if part is None:
                    return None
                parts.append(part)
                left -= take
            if not left:
                break
        return b"".join(parts)


_NETLINK_SOCK_DIAG, _SOCK_DIAG_BY_FAMILY, _UDIAG_SHOW_PEER, _UNIX_DIAG_PEER = 4, 20, 4, 2
_NLMSG_ERROR, _NLM_F_REQUEST, _NO_COOKIE = 2, 1, 0xFFFFFFFF


def unix_peer(ino: int) -> int | None:
    """The inode of the other end of a Unix socket (sock_diag, as `ss -x` asks).
    None: not a connected Unix socket (an inet socket, say)."""
    request = struct.pack("=BBHIIIII", socket.AF_UNIX, 0, 0, 0xFFFFFFFF, ino, _UDIAG_SHOW_PEER,
                          _NO_COOKIE, _NO_COOKIE)
    header = struct.pack("=IHHII", 16 + len(request), _SOCK_DIAG_BY_FAMILY, _NLM_F_REQUEST, 1, 0)
    try:
        with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, _NETLINK_SOCK_DIAG) as s:
            s.settimeout(1.0)
            s.sendto(header + request, (0, 0))
            data = s.recv(8192)
    except OSError:
        return None
    if len(data) < 32:
        return None
    length, kind = struct.unpack_from("=IH", data)
    if kind == _NLMSG_ERROR:
        return None
    at = 32  # nlmsghdr (16) + unix_diag_msg (16), then its attributes
    while at + 4 <= min(length, len(data)):
        size, attr = struct.unpack_from("=HH", data, at)
        if size < 4:
            break
        if attr == _UNIX_DIAG_PEER and at + 8 <= len(data):
            return struct.unpack_from("=I", data, at + 4)[0]
        at += (size + 3) & ~3
    return None


def travelled(kernel, pid: int, to: int, before_ns: int | None = None) -> bool:
    """Did `pid`'s PID reach process `to` from process `pid` itself, through
    channels the kernel carried (before before_ns)? See the module's words."""
    holders, good, bad = {pid}, set(), set()
    # Once the process has read its own PID from a channel (or another process
    # put it into shared memory), what it writes may be a copy of what it was
    # given (the parent sent it child.pid to echo).
    given = kernel.first_given(pid)
    for flow in sorted(kernel.flows, key=lambda f: f.t_ns):
        if before_ns is not None and flow.t_ns >= before_ns:
            break
        copying = flow.pid == pid and given is not None and flow.t_ns > given
        if flow.way == "w":
            if flow.opaque:
                if flow.pid not in holders:
                    bad.add(flow.channel)
            elif pid in flow.pids:
                (good if flow.pid in holders and not copying else bad).add(flow.channel)
        elif pid in flow.pids and flow.channel in good and flow.channel not in bad:
            if flow.pid == to:
                return True
            holders.add(flow.pid)
    return False
