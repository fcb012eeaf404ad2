"""The launcher: one interpreter, started once per grading, that forks the
main process of each run (Linux).

Starting a fresh interpreter and importing multiprocessing costs ~50 ms of
CPU; a submission needs 21 runs. The launcher pays it once: it imports what
every run imports, then waits for requests and forks. The forked child turns
itself into what `python _mpkit_harness.py SPEC` would be (own session, own
files, the run's environment, the recorder installed) and goes on as the
harness. The start methods the student's code uses are untouched: a spawn
child is still a fresh interpreter.

Protocol (JSON lines on a Unix socket, see ../launcher.py):
  request {"id", "spec", "env", "cwd", "stdout", "stderr"}
  replies {"id", "pid"} or {"id", "error"}; later {"pid", "exit"} when it ends;
          {"unavailable": why} once, when this platform cannot launch.

The run token: the runner finds a run's processes by MPKIT_RUN_TOKEN in
/proc/PID/environ, which shows the environment a process was *started*
with, not os.environ. The launcher starts with a placeholder of the same
length, MPKIT_NOT_A_RUN=000..., so it is never taken for a run; each forked
run writes MPKIT_RUN_TOKEN=<its token> over the placeholder's bytes, and
every process it forks inherits them.
"""
import json
import os
import select
import signal
import socket
import sys

TOKEN_VAR = b"MPKIT_RUN_TOKEN"
PLACEHOLDER_VAR = b"MPKIT_NOT_A_RUN"  # as long as TOKEN_VAR
PLACEHOLDER = "0" * 32  # as long as runner's secrets.token_hex(16)

# What every run imports anyway (the harness, the recorder, the student's
# multiprocessing code): imported here once, before any fork. The recorder
# (_mpkit_trace and its _mpkit_trace_* modules) reads the run's environment
# only when a run installs it.
PRELOAD = (
    "_mpkit_trace",
    "itertools", "threading", "time", "traceback", "importlib", "runpy", "functools",
    "multiprocessing", "multiprocessing.connection", "multiprocessing.context", "multiprocessing.pool",
    "multiprocessing.popen_fork", "multiprocessing.popen_spawn_posix", "multiprocessing.process",
    "multiprocessing.queues", "multiprocessing.reduction", "multiprocessing.resource_tracker",
    "multiprocessing.sharedctypes", "multiprocessing.spawn", "multiprocessing.synchronize",
    "multiprocessing.util", "concurrent.futures", "concurrent.futures.process",
    # the harness's own steps before the student's code: limits, Landlock, the observer's filter
    "ctypes", "resource", "random", "struct", "_mpkit_landlock", "_mpkit_observed",
)


def serve(control_fd):
    """Serve launch requests. Returns only in a forked run, with its spec path."""
    sock = socket.socket(fileno=control_fd)
    reply = _replier(sock)
    why = _unavailable()
    if why:
        reply({"unavailable": why})
        os._exit(0)
    token_at = _token_address()
    if token_at is None:
        reply({"unavailable": "the placeholder run token is not in this process's environment"})
        os._exit(0)
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    # What every run's recorder learns from the library's files, once for all runs.
    importlib.import_module("_mpkit_trace_poolwork").learn_worker_loops()
    runs = {}  # pidfd -> pid
    try:
        request = _fork_on_request(sock, reply, runs)
    except BaseException as exc:
        # A reply that finds the grader gone, or a bug: either way no run may
        # outlive the launcher, which is the only one that knows them all.
        _stop_all(runs)
        if isinstance(exc, OSError):
            os._exit(0)
        raise
    return _become_run(request, token_at)  # in the forked child only


def _fork_on_request(sock, reply, runs):
    """The launcher's loop: fork a run per request, report each run's end.
    Returns (in the child only) the request the child is to run."""
    poller = select.poll()
    poller.register(sock.fileno(), select.POLLIN)
    pending = b""
    while True:
        for fd, _ in poller.poll():
            if fd != sock.fileno():
                _ended(fd, runs, poller, reply)
                continue
            data = sock.recv(1 << 20)
            if not data:  # the grader is gone: so are its runs
                _stop_all(runs)
                os._exit(0)
            pending += data
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                request = json.loads(line)
                try:
                    pid = os.fork()
                except OSError as exc:
                    reply({"id": request["id"], "error": f"fork failed: {exc}"})
                    continue
                if pid == 0:
                    sock.detach()  # the child closes it, with every other descriptor
                    return request
                pidfd = os.pidfd_open(pid)
                runs[pidfd] = (pid, request["env"]["MPKIT_RUN_TOKEN"])
                poller.register(pidfd, select.POLLIN)
                reply({"id": request["id"], "pid": pid})


def _replier(sock):
    def reply(message):
        sock.sendall(json.dumps(message).encode() + b"\n")

    return reply


def _unavailable():
    if not sys.platform.startswith("linux"):
        return "not Linux"
    if not hasattr(os, "pidfd_open"):
        return "no os.pidfd_open"
    try:
        os.close(os.pidfd_open(os.getpid()))
    except OSError as exc:
        return f"pidfd_open: {exc}"
    return None


def _token_address():
    """Where the placeholder's "NAME=VALUE" bytes are in this process's memory."""
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.getenv.restype = ctypes.c_void_p
        value = libc.getenv(PLACEHOLDER_VAR)
        if not value:
            return None
        entry = value - len(PLACEHOLDER_VAR) - 1
        expected = PLACEHOLDER_VAR + b"=" + PLACEHOLDER.encode() + b"\0"
        return entry if ctypes.string_at(entry, len(expected)) == expected else None
    except (OSError, AttributeError):
        return None


def _ended(pidfd, runs, poller, reply):
    pid, _ = runs.pop(pidfd)
    poller.unregister(pidfd)
    os.close(pidfd)
    _, status = os.waitpid(pid, 0)
    reply({"pid": pid, "exit": os.waitstatus_to_exitcode(status)})


def _stop_all(runs):
    """The grader is gone: stop every run still going, as its sweep would have."""
    for pid, _ in runs.values():
        for kill in (os.kill, os.killpg):  # a run not yet in its own group, then its group
            try:
                kill(pid, signal.SIGKILL)
            except OSError:
                pass
    # What left the group (setsid, double forks) still carries its run's token.
    entries = [b"MPKIT_RUN_TOKEN=" + token.encode() + b"\0" for _, token in runs.values()]
    for _ in range(3):
        found = False
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                with open(f"/proc/{name}/environ", "rb") as f:
                    data = b"\0" + f.read()
                if any(b"\0" + entry in data for entry in entries):
                    os.kill(int(name), signal.SIGKILL)
                    found = True
            except OSError:
                continue
        if not found:
            return


def _become_run(request, token_at):
    """In the forked child: become the harness process of one run."""
    import ctypes

    os.setsid()
    stdin = os.open(os.devnull, os.O_RDONLY)
    os.dup2(stdin, 0)
    for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
        os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
    # The launcher's socket and its other runs' pidfds are no business of the run.
    os.closerange(3, _max_fd())
    os.chdir(request["cwd"])
    env = request["env"]
    entry = TOKEN_VAR + b"=" + env["MPKIT_RUN_TOKEN"].encode()
    if len(entry) != len(PLACEHOLDER_VAR) + 1 + len(PLACEHOLDER):
        raise ValueError("a run token must be as long as the launcher's placeholder")
    ctypes.memmove(token_at, entry, len(entry))
    os.environ.clear()
    os.environ.update(env)
    # multiprocessing drew its authentication key when the launcher imported it:
    # each run gets its own, as a fresh interpreter would.
    import multiprocessing.process

    multiprocessing.process.current_process().authkey = os.urandom(32)
    spec = request["spec"]
    sys.argv = [os.path.join(os.path.dirname(os.path.abspath(__file__)), "_mpkit_harness.py"), spec]
    sys.orig_argv = [sys.executable, *sys.argv]
    import _mpkit_trace  # preloaded; install() reads the run's environment

    _mpkit_trace.install()
    return spec


def _max_fd():
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        return soft if 0 < soft < 1 << 20 else 1 << 16
    except (ImportError, ValueError, OSError):
        return 1 << 16
