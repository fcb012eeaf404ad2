"""multiprocessing's own helper processes among a run's, told from /proc (Linux).

The harness stops every process of the run when the call is over, and records
those of the student's still running: multiprocessing's resource tracker and
forkserver are not the student's. They are told by the command line the
kernel keeps for them (what runs after `-c`), not by what the task's code can
set on multiprocessing's objects (resource_tracker._resource_tracker._pid:
tests/tamper/f32). Standard library only; what the functions use is bound
when they are defined (the task's code can replace a module's globals).
"""
HELPER_COMMANDS = (b"from multiprocessing.resource_tracker import main", b"from multiprocessing.forkserver import main")


def helper_command(pid, _open=open, _helpers=HELPER_COMMANDS, _error=OSError, _next=next, _zip=zip):
    """The helper command pid runs (`-c from multiprocessing... import main`), else None."""
    try:
        with _open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = f.read().split(b"\0")
    except _error:
        return None
    return _next((b for a, b in _zip(argv, argv[1:]) if a == b"-c" and b.startswith(_helpers)), None)


def linux_helpers(pids, _command=helper_command, _open=open, _error=(OSError, IndexError, ValueError), _int=int,
                  _forkserver=HELPER_COMMANDS[1]):
    """Those of pids that are multiprocessing's helpers."""
    found = set()
    for pid in pids:
        try:  # a forkserver's children run its command line too: they are the student's
            if _command(pid) is not None:
                with _open(f"/proc/{pid}/stat", "rb") as f:
                    data = f.read()
                parent = _command(_int(data[data.rfind(b")") + 2:].split()[1]))
                if parent is None or not parent.startswith(_forkserver):
                    found.add(pid)
        except _error:
            continue
    return found
