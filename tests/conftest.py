"""Shared fixtures: real submissions graded end to end by the real kit."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

KIT = Path(__file__).resolve().parent.parent
SOLUTIONS = KIT / "solutions"
EXERCISES = KIT / "exercises"


def read_header(path: Path) -> dict:
    """The `# key: value` lines a fixture file starts with (tests/hostile, tests/tamper)."""
    fields = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^# (\w+): (.*)$", line)
        if not match:
            break
        fields[match.group(1)] = match.group(2).strip()
    return fields


def child_pid_program(tmp_path: Path, head: str, target: str, parent: str) -> Path:
    """A Q1 task file: `head` (imports), the child's `target` code, and a
    child_pid() whose body is `parent` (statements split on ';') and returns `returned`."""
    import textwrap

    body = "\n".join("    " + line.strip() for line in parent.split(";"))
    source = head + "\n" + textwrap.dedent(target) + "\n\n\ndef child_pid():\n" + body + "\n    return returned\n"
    path = tmp_path / "task.py"
    path.write_text(source, encoding="utf-8")
    return path


def make_submission(folder: Path, replace: dict | None = None, base: Path = SOLUTIONS) -> Path:
    """A submission folder: the reference solutions, with some files replaced.

    `replace` maps a task file name to its new source (None removes the file).
    """
    folder.mkdir(parents=True, exist_ok=True)
    for path in base.glob("*.py"):
        shutil.copy(path, folder / path.name)
    for name, source in (replace or {}).items():
        if source is None:
            (folder / name).unlink(missing_ok=True)
        else:
            (folder / name).write_text(source, encoding="utf-8")
    return folder


def copy_kit(folder: Path, time_limit: float | None = None) -> Path:
    """A copy of the kit (manifest, graders, solutions, stubs), optionally with
    every task's time limit changed, for tests that need short limits."""
    for part in ("config", "graders", "solutions", "exercises"):
        shutil.copytree(KIT / part, folder / part, ignore=shutil.ignore_patterns("__pycache__"))
    if time_limit is not None:
        path = folder / "config" / "manifest.yaml"
        data = yaml.safe_load(path.read_text())
        for task in data["tasks"]:
            task["time_limit"] = time_limit
        path.write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


def mpkit(*args, cwd: Path = KIT, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the real `mpkit` command."""
    return subprocess.run(
        [sys.executable, "-m", "mpkit.cli", *map(str, args)],
        cwd=cwd, capture_output=True, text=True, timeout=timeout,
    )


def grade(submission: Path, kit: Path = KIT, *extra) -> dict:
    """`mpkit grade` a submission; return the parsed results.json."""
    done = mpkit("--kit", kit, "grade", submission, *extra)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def statuses(results: dict) -> dict:
    """{"q3.one_child": "passed", ...} from a results.json."""
    return {
        f"{t['extra_data']['task']}.{t['extra_data']['check']}": t["extra_data"]["result"]
        for t in results["tests"]
    }


def failed(results: dict, task: str | None = None) -> set:
    return {k for k, v in statuses(results).items() if v != "passed" and (task is None or k.startswith(task + "."))}


def run_graders(submission: Path, kit: Path = KIT, *extra, timeout: float = 300) -> subprocess.CompletedProcess:
    """The student's command: `pytest graders/ --submission DIR`."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", str(kit / "graders"), "--submission", str(submission), *extra],
        cwd=kit, capture_output=True, text=True, timeout=timeout,
    )


@pytest.fixture
def submission(tmp_path):
    """Build a submission from the solutions: submission({"q3_create_process.py": src})."""

    def build(replace=None, base=SOLUTIONS):
        return make_submission(tmp_path / "submission", replace, base)

    return build


def run_processes_with(name: str, value: str) -> list:
    """Living processes of sandboxed runs, anywhere on the machine, whose
    environment has name=value: [(pid, cmdline)]. A run's processes all carry
    MPKIT_RUN_TOKEN (the launcher that forks them does not)."""
    import psutil

    found = []
    for proc in psutil.process_iter():
        try:
            if proc.status() == psutil.STATUS_ZOMBIE:
                continue
            env = proc.environ()
            if "MPKIT_RUN_TOKEN" in env and env.get(name) == value:
                found.append((proc.pid, proc.cmdline()))
        except psutil.Error:
            continue
    return found


@pytest.fixture(scope="session", autouse=True)
def no_process_left_behind():
    """After the whole session, no process started by a sandboxed run is alive.

    Only this session's runs count (other test sessions may be grading on the
    same machine): everything the session starts inherits a mark in its
    environment."""
    import uuid

    mark = uuid.uuid4().hex
    os.environ["KIT_TEST_SESSION"] = mark
    yield
    import time

    import psutil

    deadline = time.monotonic() + 3  # a process killed a moment ago may still be on its way out
    while (leftovers := run_processes_with("KIT_TEST_SESSION", mark)) and time.monotonic() < deadline:
        time.sleep(0.1)
    described = []
    for pid, cmdline in leftovers:
        try:
            proc = psutil.Process(pid)
            described.append((pid, proc.status(), proc.ppid(), proc.create_time(), cmdline))
        except psutil.Error:
            continue
    assert not described, f"processes of sandboxed runs still alive (pid, status, ppid, started, cmdline): {described}"
