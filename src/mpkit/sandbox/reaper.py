"""Make sure no process of a run survives it.

A run's processes are found three ways, because each alone can be escaped:
its process group (start_new_session), the pids its recorder saw being born,
and the run token every process inherits in its environment (a child that
calls setsid() or double-forks still carries it).
"""
from __future__ import annotations

import os
import signal
import sys
import time

import psutil

_KILL = getattr(signal, "SIGKILL", signal.SIGTERM)
_STOP = getattr(signal, "SIGSTOP", None)


def _carries_token(proc: psutil.Process, token: str) -> bool:
    try:
        return proc.environ().get("MPKIT_RUN_TOKEN") == token
    except (psutil.Error, OSError):
        return False


def _linux_carrying(token: str) -> list[int] | None:
    """Pids whose environment holds the run token, read straight from /proc
    (a look per process, not psutil's several); a zombie's environment reads
    empty, so zombies are left out. None where /proc cannot be listed."""
    entry = f"MPKIT_RUN_TOKEN={token}".encode() + b"\0"
    try:
        names = os.listdir("/proc")
    except OSError:
        return None
    found = []
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as f:
                data = f.read()
        except OSError:  # ended while we looked, or not ours to read
            continue
        if data.startswith(entry) or b"\0" + entry in data:
            found.append(int(name))
    return found


def find(token: str, known_pids=(), exclude=()) -> list[psutil.Process]:
    """Living (not zombie) processes of the run."""
    if sys.platform.startswith("linux") and not known_pids:
        pids = _linux_carrying(token)
        if pids is not None:
            return _living([p for p in pids if p != os.getpid() and p not in exclude])
    found: dict[int, psutil.Process] = {}
    candidates = []
    for pid in known_pids:
        try:
            candidates.append(psutil.Process(pid))
        except psutil.Error:
            pass
    if sys.platform.startswith("linux") or sys.platform == "darwin":
        candidates.extend(psutil.process_iter())
    me = os.getpid()
    for proc in candidates:
        if proc.pid in found or proc.pid == me or proc.pid in exclude:
            continue
        if not _carries_token(proc, token):  # the cheaper test first: most processes are not the run's
            continue
        try:
            if proc.status() == psutil.STATUS_ZOMBIE:
                continue
        except psutil.Error:
            continue
        found[proc.pid] = proc
    return list(found.values())


def _living(pids) -> list[psutil.Process]:
    procs = []
    for pid in pids:
        try:
            proc = psutil.Process(pid)
            if proc.status() != psutil.STATUS_ZOMBIE:
                procs.append(proc)
        except psutil.Error:
            pass
    return procs


def kill_group(pgid: int) -> None:
    if hasattr(os, "killpg"):
        try:
            os.killpg(pgid, _KILL)
        except OSError:
            pass


def kill_tree(root_pid: int) -> None:
    """Freeze a run that is still going, its root first, then kill it all.

    Its descendants are found from the root, so even one that dropped the
    run token from its environment is stopped (the harness is a subreaper,
    so orphans of the run stay its descendants).
    """
    try:
        root = psutil.Process(root_pid)
        if _STOP is not None:
            root.send_signal(_STOP)  # no more forks from here while we look
        procs = [root] + root.children(recursive=True)
    except psutil.Error:
        return
    for sig in (_STOP, _KILL):
        if sig is None:
            continue
        for proc in procs:
            try:
                proc.send_signal(sig)
            except psutil.Error:
                pass
    _wait_dead(procs, timeout=0.5)


def sweep(token: str, pgid: int | None, known_pids=(), rounds: int = 20) -> None:
    """Kill every process of the run; keep going while a fork bomb refills."""
    if pgid is not None:
        kill_group(pgid)
    for _ in range(rounds):
        procs = find(token, known_pids)
        if not procs:
            break
        # Freeze first so nothing forks while we kill the rest.
        for sig in (_STOP, _KILL):
            if sig is None:
                continue
            for proc in procs:
                try:
                    proc.send_signal(sig)
                except psutil.Error:
                    pass
        _wait_dead(procs, timeout=0.5)


def _dead(proc: psutil.Process) -> bool:
    try:
        return proc.status() == psutil.STATUS_ZOMBIE
    except psutil.Error:
        return True


def _wait_dead(procs, timeout: float) -> None:
    """Wait until each process is gone or a zombie (a zombie is dead; its
    parent, or init, reaps it)."""
    deadline = time.monotonic() + timeout
    delay = 0.001
    while not all(_dead(p) for p in procs) and time.monotonic() < deadline:
        time.sleep(delay)
        delay = min(delay * 2, 0.05)
