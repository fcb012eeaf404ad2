"""Run one task file of a submission in a fresh, limited, recorded interpreter.

The student's code never runs in the grading process. Each run gets its own
temporary directory (record, per-process output), its own session, a wall
clock limit, resource limits, and a sweep afterwards that leaves no process
of it alive.
"""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import reaper
from .record import RunRecord, load, read_raw_streams, remove_tree

BOOT_DIR = Path(__file__).with_name("boot")
HARNESS = BOOT_DIR / "_mpkit_harness.py"

# Variables that would change how the student's interpreter behaves.
_DROPPED_ENV = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUNBUFFERED", "PYTHONINSPECT",
                "PYTHONSAFEPATH", "PYTHONNOUSERSITE", "PYTHONWARNINGS", "PYTHONDEVMODE",
                "PYTEST_ADDOPTS", "PYTEST_CURRENT_TEST", "COV_CORE_SOURCE")


@dataclass(frozen=True)
class RunSpec:
    """How to run a task file: call one function, or run it as a program."""

    mode: str = "call"  # "call" or "program"
    function: str | None = None
    args: tuple = ()
    kwargs: tuple = ()  # ((name, value), ...), hashable
    start_method: str | None = None
    watch_calls: tuple = ()  # student functions whose calls are recorded
    watch_globals: tuple = ()  # module globals snapshotted in each process

    def describe(self) -> str:
        if self.mode == "program":
            what = "running the file as a program"
        else:
            args = ", ".join(_show_arg(a) for a in self.args)
            what = f"calling {self.function}({args})" if self.function else "importing the file"
        if self.start_method:
            what += f" under the {self.start_method!r} start method"
        return what


def _show_arg(value) -> str:
    if isinstance(value, dict) and "$callable" in value:
        return value["$callable"].split(":")[-1]
    return repr(value)


def probe(name: str) -> dict:
    """An argument that stands for one of the kit's probe functions."""
    return {"$callable": f"_mpkit_probes:{name}"}


@dataclass
class Limits:
    time_limit: float = 10.0
    address_space: int | None = 2 * 1024**3
    open_files: int | None = 256
    processes: int | None = 256
    file_size: int | None = 16 * 1024**2
    extra: dict = field(default_factory=dict)

    def rlimits(self) -> dict:
        return {
            "address_space": self.address_space,
            "open_files": self.open_files,
            "processes": self.processes,
            "file_size": self.file_size,
            **self.extra,
        }


def available_start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def _environ_copy() -> dict:
    """os.environ, copied while pytest's main thread may be changing it
    (PYTEST_CURRENT_TEST): a key that vanishes mid-copy raises KeyError."""
    while True:
        try:
            return dict(os.environ)
        except (KeyError, RuntimeError):
            continue


def _environment(run_dir: Path, token: str, spec: RunSpec, module: str) -> dict:
    env = {k: v for k, v in _environ_copy().items() if k not in _DROPPED_ENV and not k.startswith("MPKIT_")}
    env.update(
        PYTHONPATH=str(BOOT_DIR),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONHASHSEED="0",
        PYTHONIOENCODING="utf-8",
        MPKIT_RUN_DIR=str(run_dir),
        MPKIT_RUN_TOKEN=token,
    )
    if spec.watch_calls:
        env["MPKIT_WATCH_CALLS"] = f"{module}:{','.join(spec.watch_calls)}"
    if spec.watch_globals:
        env["MPKIT_WATCH_GLOBALS"] = f"{module}:{','.join(spec.watch_globals)}"
    return env


def run(spec: RunSpec, task_file: Path, limits: Limits | None = None) -> RunRecord:
    """Run `task_file` as `spec` says and return what was recorded."""
    limits = limits or Limits()
    task_file = Path(task_file).resolve()
    module = task_file.stem
    run_dir = Path(tempfile.mkdtemp(prefix="mpkit-run-"))
    token = secrets.token_hex(16)
    record = RunRecord(mode=spec.mode, start_method=spec.start_method, time_limit=limits.time_limit)
    try:
        for sub in ("rec", "out", "work"):
            (run_dir / sub).mkdir()
        spec_path = run_dir / "spec.json"
        spec_path.write_text(
            json.dumps(
                {
                    "mode": spec.mode,
                    "file": str(task_file),
                    "module": module,
                    "function": spec.function,
                    "args": list(spec.args),
                    "kwargs": dict(spec.kwargs),
                    "start_method": spec.start_method,
                    "limits": limits.rlimits(),
                }
            ),
            encoding="utf-8",
        )
        _execute(record, spec_path, run_dir, token, _environment(run_dir, token, spec, module), limits)
        load(run_dir, record)
        read_raw_streams(run_dir, record)
    finally:
        remove_tree(run_dir)
    return record


def _execute(record: RunRecord, spec_path: Path, run_dir: Path, token: str, env: dict, limits: Limits) -> None:
    popen_kwargs: dict = {}
    if os.name == "posix":
        popen_kwargs["start_new_session"] = True
    else:  # pragma: no cover - Windows
        popen_kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    started = time.monotonic()
    record.started_ns = time.monotonic_ns()  # same clock as the recorder's event times
    with open(run_dir / "stdout", "wb") as out, open(run_dir / "stderr", "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, str(HARNESS), str(spec_path)],
            cwd=run_dir / "work",
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            **popen_kwargs,
        )
        record.main_pid = proc.pid
        try:
            record.exit_code = proc.wait(timeout=limits.time_limit)
        except subprocess.TimeoutExpired:
            record.timed_out = True
        record.duration = time.monotonic() - started
        # Whatever is still running now outlived the run: note it, stop it.
        survivors = reaper.find(token, exclude={proc.pid})
        record.leftovers = sorted(p.pid for p in survivors)
        reaper.sweep(token, proc.pid if os.name == "posix" else None)
        if record.timed_out:
            proc.kill()
            record.exit_code = proc.wait()
        record.ended_ns = time.monotonic_ns()
