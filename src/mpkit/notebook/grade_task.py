"""Grade one task of a submission folder with the kit's graders; print JSON.

`python -m mpkit.notebook.grade_task KIT TASK SUBMISSION` runs the task's
grader file under pytest (the same graders as `pytest graders/`), with every
run of the task started at once, so a task whose code hangs costs one time
limit, not one per wave of runs. The notebook's test cells start this in a
separate process and read its standard output: Gradescope's results.json.
"""
from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

import pytest

from ..errors import MpkitError
from ..manifest import load_manifest
from ..results import gradescope


class _AllRunsAtOnce:
    """Gives the grading session a scheduler as wide as the task's runs."""

    def __init__(self):
        self.report = None

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_finish(self, session):
        """Before the grading session starts the runs: widen its scheduler."""
        from ..pytest_plugin import SESSION
        from ..runs import Scheduler

        grading = session.config.pluginmanager.get_plugin(SESSION)
        if grading is None or grading.scheduler is None:
            return
        modules = {item.module for item in session.items}
        width = max(4, sum(len(getattr(m, "RUNS", {})) for m in modules))
        grading.scheduler.close()
        grading.scheduler = Scheduler(grading.submission, workers=width)

    def pytest_sessionfinish(self, session):
        from ..pytest_plugin import SESSION

        grading = session.config.pluginmanager.get_plugin(SESSION)
        if grading is not None and grading.manifest is not None:
            self.report = grading.report()


def grade_task(kit: Path, task_id: str, submission: Path) -> dict:
    manifest = load_manifest(kit / "config" / "manifest.yaml")
    task = manifest.task(task_id)
    if task is None:
        raise MpkitError(f"{manifest.path}: no task {task_id!r}")
    sink = _AllRunsAtOnce()
    args = [str(task.grader), "--kit", str(kit), "--submission", str(submission), "--rootdir", str(kit),
            "-p", "no:cacheprovider", "-o", "addopts=", "-q"]
    stream = io.StringIO()
    with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
        code = pytest.main(args, plugins=[sink])
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED) or sink.report is None:
        raise MpkitError(f"grading {task_id} could not run (pytest exit code {int(code)}):\n{stream.getvalue()}", 3)
    return gradescope(sink.report)


def main(argv=None) -> int:
    kit, task_id, submission = (argv or sys.argv[1:])[:3]
    try:
        results = grade_task(Path(kit), task_id, Path(submission))
    except MpkitError as exc:
        print(exc.show(), file=sys.stderr)
        return exc.exit_code
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
