"""Grade one task of a submission folder with the kit's graders; print JSON.

`python -m mpkit.courses.nbgrader.grade_task KIT TASK SUBMISSION` runs the task's
grader file under pytest (the same graders as `pytest graders/`), with every
run of the task started at once, so a task whose code hangs costs one time
limit, not one per wave of runs: well inside nbgrader's 30 s per cell.
The notebook's test cells start this in a separate process and read its
standard output: Gradescope's results.json.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ...errors import MpkitError
from ...grade import grade_submission
from ...report.results import gradescope

ALL_RUNS = 32  # more than any task's runs


def grade_task(kit: Path, task_id: str, submission: Path) -> dict:
    return gradescope(grade_submission(kit, submission, tasks=[task_id]))


def main(argv=None) -> int:
    kit, task_id, submission = (argv or sys.argv[1:])[:3]
    # Every run of the task at once (the pool starts threads only as runs
    # come), unless the instructor chose a number (engine/scheduler.run_workers).
    os.environ.setdefault("MPKIT_RUN_WORKERS", str(ALL_RUNS))
    try:
        results = grade_task(Path(kit), task_id, Path(submission))
    except MpkitError as exc:
        print(exc.show(), file=sys.stderr)
        return exc.exit_code
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
