"""Start runs by forking a pre-started interpreter instead of starting one (Linux).

The grading process keeps one launcher (boot/_mpkit_launcher.py) for the
environment its runs get; `start()` asks it for a run and gets back a handle
that behaves like the subprocess.Popen the runner would otherwise use. Where the
launcher cannot work (not Linux, no pidfd, MPKIT_LAUNCHER=0), `start()`
returns None and the runner starts a fresh interpreter itself.
"""
from __future__ import annotations

import atexit
import concurrent.futures
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from concurrent.futures import Future
from pathlib import Path

# boot/_mpkit_launcher.py: each run writes its MPKIT_RUN_TOKEN over these bytes.
PLACEHOLDER = {"MPKIT_NOT_A_RUN": "0" * 32}

# Seconds to wait for a fork the launcher was asked for (it takes milliseconds;
# the first waits for the launcher's own start-up, a fraction of a second).
START_TIMEOUT = 30.0


class LauncherGone(RuntimeError):
    """The launcher ended while runs depended on it (a bug, or it was killed)."""


class LaunchedRun:
    """A run's main process, forked by the launcher: a Popen look-alike."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        self._ended = threading.Event()  # set by the launcher's report of its end

    def _end(self, code: int | None) -> None:
        self.returncode = code
        self._ended.set()

    def poll(self) -> int | None:
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if not self._ended.wait(timeout):
            raise subprocess.TimeoutExpired(f"run {self.pid}", timeout)
        if self.returncode is None:
            raise LauncherGone(f"mpkit's run launcher ended before run {self.pid} did")
        return self.returncode

    def kill(self) -> None:
        # The launcher reaps it only after it ends: until then the pid is still this run's.
        if not self._ended.is_set():
            try:
                os.kill(self.pid, signal.SIGKILL)
            except OSError:
                pass


class Launcher:
    """One launcher process and the thread that reads its reports."""

    def __init__(self, env: dict, harness: Path):
        ours, theirs = socket.socketpair()
        # The launcher itself is not a run: no run's settings, a placeholder token.
        env = {**_start_env(env), **PLACEHOLDER}
        self.process = subprocess.Popen(
            [sys.executable, str(harness), "--serve", str(theirs.fileno())],
            env=env,
            cwd=harness.parent,
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,  # only a crash of the launcher writes here
            start_new_session=True,  # Ctrl-C in the terminal is for the grader, which stops it
        )
        theirs.close()
        self._sock = ours
        self._lock = threading.Lock()
        self._next_id = 0
        self._starting: dict[int, Future] = {}
        self._running: dict[int, LaunchedRun] = {}
        self.unavailable: str | None = None
        self._gone = False
        self.retired = False  # replaced by a launcher for another environment
        threading.Thread(target=self._read, name="mpkit-launcher", daemon=True).start()

    def start(self, spec: Path, env: dict, cwd: Path, stdout: Path, stderr: Path) -> LaunchedRun | None:
        """Fork a run; None when this launcher cannot."""
        future: Future = Future()
        with self._lock:
            if self._gone or self.retired:  # closing: the runner starts this run itself
                return None
            self._next_id += 1
            request_id = self._next_id
            self._starting[request_id] = future
            message = {"id": request_id, "spec": str(spec), "env": env, "cwd": str(cwd),
                       "stdout": str(stdout), "stderr": str(stderr)}
            try:
                self._sock.sendall(json.dumps(message).encode() + b"\n")
            except OSError:
                self._starting.pop(request_id, None)
                return None
        try:
            return future.result(timeout=START_TIMEOUT)
        except concurrent.futures.TimeoutError:  # stopped or stuck: it must not hang the grading
            with self._lock:
                self._gone = True
            self.process.kill()
            self.process.wait()
            return None  # the runner sweeps what the fork may have started, then starts the run itself

    def retire(self) -> None:
        """Close once the runs it started have ended."""
        with self._lock:
            self.retired = True
            idle = not self._starting and not self._running
        if idle:
            self.close()

    def close(self) -> None:
        """The launcher stops when its socket closes (and so do runs still going)."""
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _read(self) -> None:
        buffered = b""
        while True:
            try:
                data = self._sock.recv(1 << 16)
            except OSError:
                data = b""
            if not data:
                break
            buffered += data
            while b"\n" in buffered:
                line, buffered = buffered.split(b"\n", 1)
                self._handle(json.loads(line))
        self._lost()

    def _handle(self, message: dict) -> None:
        with self._lock:
            if "unavailable" in message:
                self.unavailable = message["unavailable"]
            elif "exit" in message:
                run = self._running.pop(message["pid"], None)
                if run is not None:
                    run._end(message["exit"])
                if self.retired and not self._starting and not self._running:
                    self.close()
            elif "pid" in message:
                run = LaunchedRun(message["pid"])
                self._running[run.pid] = run
                self._starting.pop(message["id"]).set_result(run)
            else:
                self._starting.pop(message["id"]).set_exception(OSError(message.get("error")))

    def _lost(self) -> None:
        with self._lock:
            self._gone = True
            starting, self._starting = self._starting, {}
            running, self._running = self._running, {}
        if self.unavailable is not None:
            for future in starting.values():
                future.set_result(None)  # the runner starts these itself
            return
        why = self._crash_text()
        for future in starting.values():
            future.set_exception(LauncherGone(f"mpkit's run launcher ended: {why}"))
        for run in running.values():
            run._end(None)

    def _crash_text(self) -> str:
        try:
            self.process.wait(timeout=5)
            text = self.process.stderr.read().decode("utf-8", "replace").strip()
        except (subprocess.TimeoutExpired, OSError, ValueError):
            text = ""
        return text.splitlines()[-1] if text else f"exit code {self.process.returncode}"


_launchers: dict[tuple, Launcher] = {}
_launchers_lock = threading.Lock()


def enabled() -> bool:
    return sys.platform.startswith("linux") and os.environ.get("MPKIT_LAUNCHER", "1") != "0"


def _start_env(env: dict) -> dict:
    """A run's environment without what is the run's own (MPKIT_*, read from
    os.environ once forked)."""
    return {k: v for k, v in env.items() if not k.startswith("MPKIT_")}


def get(env: dict, harness: Path) -> Launcher | None:
    """The launcher for runs with this environment (started on first use).

    A forked run's /proc/PID/environ is the launcher's: so that it shows the
    run's environment (tests and tools look there), runs whose environments
    differ get launchers of their own. A grading has one."""
    if not enabled():
        return None
    key = (sys.executable, *sorted(_start_env(env).items()))
    with _launchers_lock:
        launcher = _launchers.get(key)
        if launcher is None or launcher.retired or (launcher._gone and launcher.unavailable is None):
            for other in _launchers.values():
                other.retire()
            launcher = _launchers[key] = Launcher(env, harness)
    return None if launcher.unavailable else launcher


@atexit.register
def _close_all() -> None:
    for launcher in list(_launchers.values()):
        launcher.close()
