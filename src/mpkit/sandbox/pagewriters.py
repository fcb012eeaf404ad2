"""Who wrote which bytes of a run's shared memory, seen from outside (Linux).

A child may send its PID to the parent through shared memory (a Value, an
Array, a SharedMemory block). No system call moves those bytes, so the
recorder inside the run only finds the PID there at the child's end, and
cannot tell who put it there: the parent can write child.pid into memory it
shares with a child that sends nothing (tests/tamper/f38).

Here the grader sees the writes themselves (runs that follow PIDs: Q1). Every
process of the run hands the tracer a userfaultfd (uffd.py) before the task's
code runs, and the tracer write-protects every shared mapping of it. A page
has at most one writer at a time: a process's first write to a protected page
stops it; the grader then takes the page back from the writer before
(protects it there again), reads the page and notes that writer as the last
writer of each byte that changed since it last read it, and lets the new
writer go on. So the last writer of every byte is known exactly, at any speed
of the run, and a process wrote its PID if the PID is in the memory with
every byte of it (zeros aside) last written by that process, or there before
it was born. Pages are also read when their writer exits or execs, when a
new process is born (before it runs), and at the run's end. A PID another
process wrote is noted as given to that PID's process: what it writes after
is a copy (wrote_own_pid).

What could write unseen: a process of the run before it handed its
userfaultfd over (a fork child between the fork and its recorder's first
step; it then must not have touched the memory: its page tables say, read at
the hand-over, at an exec, or at its exit), and a mapping the protection
could not cover. Any such file is marked and no PID written there counts.
Writes through a file descriptor (os.pwrite into a heap's file) are calls:
flows.py sees them.
"""
from __future__ import annotations

import os
import re
import select
import threading
import time
from array import array
from dataclasses import dataclass, field

from . import uffd

_DIGITS = re.compile(rb"\d+")


@dataclass
class SharedWrite:
    pid: int  # the process that changed the bytes
    file: tuple  # (device, inode) of the shared memory
    t_ns: int  # when it began writing that page (its first write after another's)
    seen_ns: int  # when the grader found the PID there (it was written between the two)


@dataclass
class _Page:
    writer: int | None = None
    since: int = 0
    snapshot: bytes | None = None  # the page when its writer took it
    open_at: list = field(default_factory=list)  # [(process, address)] where the writer may write it


@dataclass
class _Process:
    ufd: int
    maps: list  # [uffd.Mapping], registered and protected


def changed(before: bytes, after: bytes) -> list[int]:
    """The offsets of the bytes that differ (compared 8 at a time first)."""
    if before == after:
        return []
    a, b = memoryview(before).cast("Q"), memoryview(after).cast("Q")
    return [i for w in range(len(a)) if a[w] != b[w] for i in range(8 * w, 8 * w + 8) if before[i] != after[i]]


def pid_spans(content: bytes, pid: int) -> list[tuple]:
    """Where content holds pid, as the recorder reads a number in raw bytes
    (_mpkit_pids.bytes_numbers): an aligned 4- or 8-byte word in either byte
    order, or the digits of a whole number (ASCII, or a wchar_t each: Array('u'))."""
    spans = []
    for pattern, align in [(pid.to_bytes(size, order), size) for size in (4, 8) for order in ("little", "big")] + [
            (str(pid).encode("utf-32-le"), 4)]:
        at = content.find(pattern)
        while at != -1:
            end = at + len(pattern)
            if at % align == 0 and (align != 4 or len(pattern) <= 4 or not (
                    _wide_digit(content[at - 4:at]) or _wide_digit(content[end:end + 4]))):
                spans.append((at, end))
            at = content.find(pattern, at + 1)
    digits = str(pid).encode()
    return spans + [m.span() for m in _DIGITS.finditer(content) if m.group().lstrip(b"0") == digits]


def _wide_digit(four: bytes) -> bool:
    return len(four) == 4 and 48 <= four[0] <= 57 and four[1:] == b"\0\0\0"


def _known(content: bytes, writers, pid: int, seen=None, born: int | None = None) -> list[list[bool]]:
    """For each place content holds pid: whether each of its bytes that is
    not zero was last written by process pid (writers: the last writer of
    each byte), or seen before that process was born (seen: when each byte's
    value was first seen; born: its start). Zero bytes, and bytes already
    there when no one could know the PID (a Value made with the parent's PID,
    a '0000' the child writes its digits over), tell nothing of who knew it."""
    def known(i):
        return writers[i] == pid or (born is not None and seen is not None and seen[i] < born)

    return [[known(i) for i in range(*span) if content[i]] for span in pid_spans(content, pid)]


def holds_pid(content: bytes, writers, pid: int, seen=None, born: int | None = None) -> bool:
    """Does content hold pid written by process pid itself (_known)?"""
    return any(all(place) for place in _known(content, writers, pid, seen, born))


def given_pid(content: bytes, writers, pid: int, seen=None, born: int | None = None) -> bool:
    """Does content hold pid with a byte of it written by another process (or
    unseen) once that process was born?"""
    return any(not all(place) for place in _known(content, writers, pid, seen, born))


class PageWriters:
    """One run's shared-memory writes (the observer's tracer thread hands
    processes over; a thread of its own answers their first writes)."""

    def __init__(self, record, main_pid: int):
        self.record = record
        self._main = main_pid
        self._lock = threading.Lock()
        self._procs: dict[int, _Process] = {}
        self._pages: dict[tuple, _Page] = {}
        self._writers: dict[tuple, array] = {}  # page -> the process that last wrote each of its bytes (0: unseen)
        self._seen: dict[tuple, array] = {}  # page -> when each byte's value was first seen
        self._noted: set = set()  # (process, file) of shared_writes and process of shared_given already noted
        self._spent: list = []  # descriptors of processes gone or exec'd: closed at the end
        self._files: dict[tuple, int] = {}  # (st_dev, st_ino) -> the grader's descriptor of that shared memory
        self._wake_r, self._wake_w = os.pipe()
        self._closing = False
        self._thread = threading.Thread(target=self._answer, name=f"mpkit-pagewriters-{main_pid}", daemon=True)
        self._thread.start()

    # -- from the tracer thread -------------------------------------------
    def entry(self, pid: int, call: str) -> bool:
        """At a memory call's seccomp stop (boot/_mpkit_observed.MEMORY_CALLS):
        does it want its exit stop? An exec's entry is where the memory it
        replaces is still there."""
        if call.startswith("exec"):
            self.leaving(pid)
            return False
        return True

    def exit(self, pid: int, call: str, result: int) -> None:
        if call in ("userfaultfd", "ioctl"):  # the ioctl that stops is USERFAULTFD_IOC_NEW
            if result >= 0:
                self.adopt(pid, result)
        else:
            self.remapped(pid, result)

    def adopt(self, pid: int, fd: int) -> None:
        """Process pid made the userfaultfd fd (stopped at the call's exit)."""
        with self._lock:
            if pid in self._procs or self.record.shared_problem or self._closing:
                return  # a second one (the first is in force), or the watch is over
            try:
                ufd = uffd.take(pid, fd)
            except OSError as exc:
                self.record.shared_problem = self.record.shared_problem or f"userfaultfd: {exc.strerror}"
                return
            proc = self._procs[pid] = _Process(ufd, [])
            maps = uffd.shared_mappings(pid)  # read once for both
            self._check_unseen(pid, maps)
            self._cover(pid, proc, maps=maps)
            if pid == self._main:
                self.record.shared_watched = True
        os.write(self._wake_w, b".")

    def remapped(self, pid: int, address: int) -> None:
        """After a call that may have mapped shared memory at address (mmap,
        mremap, shmat): a mapping there is new, even where an equal one was
        (unmapped, then mapped again at the same place)."""
        with self._lock:
            proc = self._procs.get(pid)
            if proc is not None:
                self._cover(pid, proc, address)

    def leaving(self, pid: int) -> None:
        """Process pid at its exit stop, or at an exec's entry (its memory is
        still there): one that never handed a userfaultfd over must not have
        touched the shared memory it maps."""
        with self._lock:
            if pid not in self._procs:
                self._check_unseen(pid)

    def gone(self, pid: int) -> None:
        """Process pid's memory is gone (it exited, or an exec replaced it):
        the pages it was writing are read and credited to it."""
        with self._lock:
            proc = self._procs.pop(pid, None)
            if proc is None:
                return
            for key, page in self._pages.items():
                if page.writer == pid:
                    self._credit(key, page, self._read(key))
                    page.writer, page.open_at = None, []
            self._spent.append(proc.ufd)
        os.write(self._wake_w, b".")

    def finish(self) -> None:
        self._closing = True
        os.write(self._wake_w, b".")
        self._thread.join(2.0)
        with self._lock:
            for key, page in self._pages.items():
                if page.writer is not None:
                    self._credit(key, page, self._read(key))
            descriptors = [p.ufd for p in self._procs.values()] + self._spent + list(self._files.values())
            for fd in descriptors + [self._wake_r, self._wake_w]:
                try:
                    os.close(fd)
                except OSError:
                    pass
            self._procs.clear()

    # -- the inside ---------------------------------------------------------
    def _check_unseen(self, pid: int, maps: list | None = None) -> None:
        """pid had no userfaultfd until now: any shared page it touched may hold
        its writes. A vfork child writes into its parent's memory, whose
        writes are seen (and credited to the parent)."""
        maps = uffd.shared_mappings(pid) if maps is None else maps
        if not maps or any(uffd.same_memory(pid, other) for other in self._procs if other != pid):
            return
        for m in maps:
            if uffd.touched(pid, m) is not False:
                self.record.shared_unseen.add(m.file)

    def _cover(self, pid: int, proc: _Process, fresh: int | None = None, maps: list | None = None) -> None:
        maps = uffd.shared_mappings(pid) if maps is None else maps
        if maps is None:
            return
        for m in maps:
            if m in proc.maps and not (fresh is not None and m.start <= fresh < m.end):
                continue
            try:
                if m.file not in self._files:  # read through the file: its mappings may be gone by then
                    self._files[m.file] = os.open(f"/proc/{pid}/map_files/{m.start:x}-{m.end:x}", os.O_RDONLY)
                uffd.register(proc.ufd, m.start, m.end - m.start)
                uffd.protect(proc.ufd, m.start, m.end - m.start, True)
            except OSError:
                self.record.shared_unseen.add(m.file)  # writes there would go unseen
            if pid == self._main:
                self.record.shared_main_files.add(m.file)
        proc.maps = maps

    def _answer(self) -> None:
        try:
            self._serve()
        except Exception as exc:  # a bug here must not leave the run's processes stopped on their writes
            with self._lock:
                self.record.shared_problem = f"pagewriters error: {exc!r}"
                for proc in self._procs.values():
                    os.close(proc.ufd)  # its last descriptor: the protection goes, stopped writers go on
                self._procs.clear()

    def _serve(self) -> None:
        poller = select.poll()
        polled: dict[int, int] = {}  # descriptor -> process
        poller.register(self._wake_r, select.POLLIN)
        while not self._closing:
            for fd, events in poller.poll(1000):
                if fd == self._wake_r:
                    os.read(self._wake_r, 4096)
                    with self._lock:
                        wanted = {p.ufd: pid for pid, p in self._procs.items()}
                    for gone in set(polled) - set(wanted):
                        poller.unregister(gone)
                    for new in set(wanted) - set(polled):
                        poller.register(new, select.POLLIN)
                    polled = wanted
                    continue
                pid = polled.get(fd)
                if pid is None or events & (select.POLLERR | select.POLLHUP | select.POLLNVAL):
                    poller.unregister(fd)  # its process is gone
                    polled.pop(fd, None)
                    continue
                for address in uffd.faults(fd):
                    self._first_write(pid, fd, address)

    def _first_write(self, pid: int, fd: int, address: int) -> None:
        now = time.monotonic_ns()
        with self._lock:
            proc = self._procs.get(pid)
            m = next((m for m in proc.maps if m.start <= address < m.end), None) if proc else None
            if m is not None:
                key = m.page_of(address)
                page = self._pages.setdefault(key, _Page())
                if page.writer != pid:
                    for other, at in page.open_at:
                        if other in self._procs:
                            try:
                                uffd.protect(self._procs[other].ufd, at, uffd.PAGE, True)
                            except OSError:
                                pass
                    content = self._read(key)
                    self._credit(key, page, content)  # with no writer before, no one's
                    page.writer, page.since, page.open_at = pid, now, []
                page.open_at.append((pid, address))
        try:
            uffd.protect(fd, address, uffd.PAGE, False)  # wakes the writer
        except OSError:
            pass

    def _read(self, key: tuple) -> bytes | None:
        fd = self._files.get(key[:2])
        try:
            content = os.pread(fd, uffd.PAGE, key[2] * uffd.PAGE) if fd is not None else None
        except OSError:
            content = None
        if content is None:
            self.record.shared_unseen.add(key[:2])
        return content.ljust(uffd.PAGE, b"\0") if content is not None else None  # past the file's end: zeros

    def checkpoint(self, before: int) -> None:
        """Read every page being written and credit its writer, who keeps it
        (at a new process's first stop, born at `before`: what was there before)."""
        with self._lock:
            for key, page in self._pages.items():
                if page.writer is not None:
                    self._credit(key, page, self._read(key), before - 1)

    def _credit(self, key: tuple, page: _Page, content: bytes | None, now: int | None = None) -> None:
        """The page's writer (None: no one seen) changed it from page.snapshot to content."""
        if content is None:
            return
        if page.snapshot is not None:
            now = now or time.monotonic_ns()
            writers = self._writers.setdefault(key, array("i", bytes(4 * uffd.PAGE)))
            seen = self._seen.setdefault(key, array("q", bytes(8 * uffd.PAGE)))
            for i in changed(page.snapshot, content):
                writers[i], seen[i] = page.writer or 0, now
            born = {p.pid: p.start_ns or 0 for p in list(self.record.procs)}  # the last incarnation of each
            # The first of each is enough (a loop writing its PID would note it at each change of hands).
            if (page.writer is not None and (page.writer, key[:2]) not in self._noted
                    and holds_pid(content, writers, page.writer, seen, born.get(page.writer))):
                self._noted.add((page.writer, key[:2]))
                self.record.shared_writes.append(SharedWrite(page.writer, key[:2], page.since, now))
            for pid, start in born.items():  # a PID another process put where its process could read it
                if pid != page.writer and pid not in self._noted and given_pid(content, writers, pid, seen, start):
                    self._noted.add(pid)
                    self.record.shared_given.append((pid, page.since))
        page.snapshot = content


def wrote_own_pid(kernel, pid: int, before_ns: int | None = None) -> bool:
    """Did process pid write its own PID into shared memory the run's main
    process maps (before before_ns), knowing it of itself? Not where writes
    went unseen, nor into a file some other process wrote into through a
    descriptor (flows.py), nor after another process gave it the PID (put it
    into shared memory, or sent it a message holding it: it may be copying)."""
    first_given = kernel.first_given(pid)
    for w in kernel.shared_writes:
        if w.pid != pid or w.file not in kernel.shared_main_files or w.file in kernel.shared_unseen:
            continue
        # Given before it was seen written: the write may be the copy (it was made in between).
        if (before_ns is not None and w.t_ns >= before_ns) or (first_given is not None and first_given <= w.seen_ns):
            continue
        if any(f.way == "w" and f.channel == ("file", *w.file) and f.pid != pid for f in kernel.flows):
            continue
        return True
    return False
