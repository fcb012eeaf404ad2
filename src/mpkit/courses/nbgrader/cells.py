"""What the notebook's test cells call, inside the Jupyter kernel.

`check("q3", "one_child")` passes silently or raises `CheckNotPassed` with
the kit's feedback (expected, observed, hint). The student's code never runs
in the kernel: the first check of a task grades the files the notebook wrote
(`%%writefile`) in a separate process with the kit's graders, which run the
code in the sandbox; later checks of the task read that result.

The graders and the quiz key are not in the released assignment. They are
found at autograde time in the kit copy `mpkit nbgrader` puts in the course
folder (`COURSE_DIR/mpkit_kit`, found from the notebook's folder upwards),
or in the folder named by the environment variable MPKIT_KIT.
"""
from __future__ import annotations

import ast
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ...kit.manifest import load_manifest

KIT_FOLDER = "mpkit_kit"
# nbgrader gives a cell 30 s by default; a task's runs take at most its time
# limit (all at once), so this is only a last resort.
GRADING_BUDGET = 27.0

# One grading per task and content of its files, for the life of the kernel:
# the test cells of a task share it (or the reason it failed) instead of
# running the code again.
_GRADINGS: dict[tuple[str, str, str], dict | Exception] = {}


class CheckNotPassed(AssertionError):
    """The student's code did not pass this check (the message says why)."""


class GradingUnavailable(RuntimeError):
    """The check could not be graded here (no kit, or the grading broke)."""


def quiz_file(task_id: str) -> str:
    """The file the notebook's quiz cell writes for a task."""
    return f"{task_id}_quiz.py"


def check(task_id: str, check_id: str, folder: str | Path = ".") -> None:
    """Pass silently, or raise with the kit's feedback for this check."""
    __tracebackhide__ = True  # IPython leaves such frames out of a traceback, but for the one that raised
    results = grade(task_id, folder)
    test = next((t for t in results["tests"] if t["extra_data"]["check"] == check_id), None)
    if test is None:
        raise GradingUnavailable(f"the kit has no check {task_id}.{check_id}; regenerate the notebook")
    result = test["extra_data"]["result"]
    if result == "passed":
        return None
    if result == "error":
        raise GradingUnavailable(f"{test['name']}\n{test['output']}")
    raise CheckNotPassed(f"{test['name']}\n{test['output']}")


def grade(task_id: str, folder: str | Path = ".") -> dict:
    """results.json of the task's files in `folder`, graded once per content."""
    __tracebackhide__ = True
    kit = find_kit(Path(folder))
    task = load_manifest(kit / "config" / "manifest.yaml").task(task_id)
    if task is None:
        raise GradingUnavailable(f"the kit in {kit} has no task {task_id!r}; regenerate the notebook")
    source = submission_source(Path(folder), task.file, quiz_file(task_id) if task.quiz else None)
    digest = hashlib.sha256((source or "").encode()).hexdigest()
    key = (str(kit), task_id, digest)
    if key not in _GRADINGS:
        try:
            _GRADINGS[key] = _grade_in_subprocess(kit, task_id, task.file, source)
        except GradingUnavailable as exc:
            _GRADINGS[key] = exc
    if isinstance(_GRADINGS[key], Exception):
        raise _GRADINGS[key]
    return _GRADINGS[key]


def find_kit(folder: Path) -> Path:
    __tracebackhide__ = True
    if os.environ.get("MPKIT_KIT"):
        kit = Path(os.environ["MPKIT_KIT"]).resolve()
        if not (kit / "config" / "manifest.yaml").is_file():
            raise GradingUnavailable(f"MPKIT_KIT={kit}: no config/manifest.yaml there")
        return kit
    here = folder.resolve()
    for parent in (here, *here.parents):
        if (parent / KIT_FOLDER / "config" / "manifest.yaml").is_file():
            return parent / KIT_FOLDER
    raise GradingUnavailable(
        f"the graders are not here (no {KIT_FOLDER}/ in {here} or above): this check runs when your "
        "instructor autogrades the notebook"
    )


def submission_source(folder: Path, task_file: str, quiz: str | None) -> str | None:
    """The task file as the graders expect it: the module plus its quiz answers.

    The quiz file is only read: its last top-level ANSWERS assignment is
    appended to the module, as written (nothing else of it, so the stub
    nbgrader leaves in it never runs).
    """
    module = folder / task_file
    if not module.is_file():
        return None
    source = module.read_text(encoding="utf-8", errors="replace")
    answers = _answers_assignment(folder / quiz) if quiz else None
    if answers:
        source = source.rstrip("\n") + f"\n\n\n# Quiz answers, from {quiz}\n{answers}\n"
    return source


def _answers_assignment(path: Path) -> str | None:
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    found = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "ANSWERS" for t in node.targets):
            found = ast.get_source_segment(text, node)
    return found


def _grade_in_subprocess(kit: Path, task_id: str, task_file: str, source: str | None) -> dict:
    __tracebackhide__ = True
    with tempfile.TemporaryDirectory(prefix="mpkit-notebook-") as tmp:
        submission = Path(tmp)
        if source is not None:
            (submission / task_file).write_text(source, encoding="utf-8")
        command = [sys.executable, "-m", "mpkit.courses.nbgrader.grade_task", str(kit), task_id, str(submission)]
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        try:
            out, err = proc.communicate(timeout=GRADING_BUDGET)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise GradingUnavailable(f"grading {task_id} did not finish within {GRADING_BUDGET:g} s") from None
    if proc.returncode != 0:
        raise GradingUnavailable(f"grading {task_id} failed (exit code {proc.returncode}):\n{err.strip()}")
    return json.loads(out)
