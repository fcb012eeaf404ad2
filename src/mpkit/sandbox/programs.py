"""Which programs a run may start (Linux; read by the observer at each exec).

A run's processes may exec one thing only: the run's own Python, started
the way multiprocessing starts it (a spawned child's boot, the forkserver,
the resource tracker), with the run's settings. The guard refuses
subprocess, os.system and os.exec* from Python, but two doors raise no audit
event: multiprocessing.util.spawnv_passfds and _posixsubprocess.fork_exec run
any program; and a spawned interpreter can be started without what boots
the guard and the recorder in it: os.environ changed first (PYTHONPATH,
PYTHONPYCACHEPREFIX, HOME for a user site whose .pth files run before
sitecustomize), options that skip them (-I, -S, -E, -X pycache_prefix), or a
command of one's own after -c. The observer asks `foreign()` at the exec's
stop, before the new program has run one instruction, and kills the process
when it answers (observer.py); the cross-check then marks the run.
"""
from __future__ import annotations

import ast
import os

# The -c commands of multiprocessing (3.10-3.13), up to their arguments, which
# must be plain values (a forkserver's preload list, its keyword dict).
_COMMANDS = (
    "from multiprocessing.spawn import spawn_main; spawn_main(",
    "from multiprocessing.forkserver import main; main(",
    "from multiprocessing.resource_tracker import main;main(",
)
# Interpreter options that drop the run's settings: -I isolates, -S skips
# site (sitecustomize boots the guard), -E ignores PYTHON* variables.
_DROPPING = frozenset("ISE")
_WITH_VALUE = frozenset(("-X", "-W", "--check-hash-based-pycs"))
# Variables that decide which code boots: equal to the run's, or absent as there.
_BOOTING = ("PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE", "PYTHONPLATLIBDIR", "PYTHONPYCACHEPREFIX",
            "PYTHONEXECUTABLE", "PYTHONSTARTUP", "HOME")


def foreign(pid: int, python: str | None, env: dict) -> str | None:
    """Why the program process `pid` has just exec'd is not multiprocessing
    starting the run's Python with the run's settings, or None. python: the
    run's interpreter (the main process's /proc exe); env: the run's environment."""
    try:
        exe = os.readlink(f"/proc/{pid}/exe")
        argv = _strings(f"/proc/{pid}/cmdline")
        environ = dict(item.partition("=")[::2] for item in _strings(f"/proc/{pid}/environ"))
    except OSError:  # gone already (killed): nothing ran
        return None
    shown = " ".join(argv)[:200] or exe
    if python is None or exe != python:
        return f"it ran another program: {shown}"
    why = _command(argv[1:]) or _settings(environ, env)
    return f"it ran Python {why}: {shown}" if why else None


def runs_forkserver(pid: int) -> bool:
    """Does process `pid`, at its exec's stop, run multiprocessing's forkserver?"""
    try:
        argv = _strings(f"/proc/{pid}/cmdline")
    except OSError:
        return False
    return any(arg.startswith(_COMMANDS[1]) for arg in argv)


def _strings(path: str) -> list[str]:
    with open(path, "rb") as f:
        return [s.decode("utf-8", "replace") for s in f.read().split(b"\0")[:-1]]


def _command(args: list[str]) -> str | None:
    """Why the interpreter's arguments are not options, then -c and one of multiprocessing's commands."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "-c":
            return None if i + 1 < len(args) and _multiprocessings(args[i + 1]) else "with a command of its own"
        if not arg.startswith("-") or arg in ("-", "-m"):
            return "on a program of its own"
        if arg in _WITH_VALUE:  # the option's value is the next argument
            value, i = (args[i + 1] if i + 1 < len(args) else ""), i + 1
        else:
            value = arg[2:] if arg.startswith(("-X", "-W")) else ""
            if not value and not arg.startswith("--") and _DROPPING & set(arg[1:]):
                return f"without the run's settings ({arg})"
        if arg.startswith("-X") and value.startswith("pycache_prefix"):
            return "with bytecode from elsewhere (-X pycache_prefix)"
        i += 1
    return "with no command"


def _multiprocessings(code: str) -> bool:
    """Is code one of multiprocessing's commands, called with plain values only?"""
    if not code.startswith(_COMMANDS):
        return False
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    if len(tree.body) != 2 or not isinstance(tree.body[1], ast.Expr) or not isinstance(tree.body[1].value, ast.Call):
        return False
    call = tree.body[1].value
    try:
        for node in (*call.args, *(k.value for k in call.keywords)):
            ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return isinstance(tree.body[0], ast.ImportFrom) and isinstance(call.func, ast.Name)


def _settings(environ: dict, env: dict) -> str | None:
    for key in (*_BOOTING, *(k for k in env if k.startswith("MPKIT_"))):
        if environ.get(key) != env.get(key):
            return f"with {key} changed"
    return None
