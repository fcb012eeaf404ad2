"""GitHub Classroom: the workflow a student bundle carries, and the results it reports.

On every push the workflow installs the bundle, runs `mpkit classroom`
(the public checks) and hands the result to GitHub Classroom's reporter
action (`classroom-resources/autograding-grading-reporter`). That action
reads, from an environment variable `<RUNNER>_RESULTS`, a base64-encoded
JSON document with `max_score` and a list of tests with their `score`, adds
the scores up and writes "Points X/Y" on the workflow's check run, which is
what GitHub Classroom shows as the grade. One test per check keeps partial
points (a command grader would give all or nothing).
"""
from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from ..report.results import PASSED, Report

RUNNER = "mpkit"  # the step id; the reporter reads MPKIT_RESULTS
WORKFLOW_PATH = Path(".github") / "workflows" / "classroom.yml"
PYTHON = "3.12"


def workflow() -> dict:
    """The workflow as data (GitHub Classroom's own generated files have this layout)."""
    return {
        "name": "Autograding Tests",  # the reporter looks for the check run of this name
        "on": ["push", "workflow_dispatch", "repository_dispatch"],
        "permissions": {"checks": "write", "actions": "read", "contents": "read"},
        "jobs": {
            "run-autograding-tests": {
                "runs-on": "ubuntu-latest",
                "if": "github.actor != 'github-classroom[bot]'",
                "timeout-minutes": 15,
                "steps": [
                    {"name": "Checkout code", "uses": "actions/checkout@v4"},
                    {"name": "Set up Python", "uses": "actions/setup-python@v5",
                     "with": {"python-version": PYTHON}},
                    {"name": "Install the kit", "run": "python -m pip install -e ."},
                    {"name": "Public checks", "id": RUNNER, "run": "mpkit classroom exercises"},
                    {
                        "name": "Autograding Reporter",
                        "uses": "classroom-resources/autograding-grading-reporter@v1",
                        "env": {f"{RUNNER.upper()}_RESULTS": f"${{{{steps.{RUNNER}.outputs.result}}}}"},
                        "with": {"runners": RUNNER},
                    },
                ],
            }
        },
    }


def write_workflow(folder: Path) -> Path:
    import yaml

    path = Path(folder) / WORKFLOW_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    header = "# Runs the public checks on every push and reports the points to GitHub Classroom.\n"
    path.write_text(header + yaml.safe_dump(workflow(), sort_keys=False, width=120), encoding="utf-8")
    return path


def classroom_result(report: Report) -> dict:
    """The result document the reporter action reads: one test per check, partial points kept."""
    tests = [
        {
            "name": f"{c.task_id}: {c.description}",
            "status": "pass" if c.status == PASSED else "fail",
            "score": c.points,
            "max_score": c.max_points,
            "message": c.feedback(),
            "test_code": f"{c.task_id}.{c.check_id}",
            "filename": "",
            "line_no": 0,
            "execution_time": "",
        }
        for c in report.checks
    ]
    failed = any(t["status"] != "pass" for t in tests)
    return {"version": 1, "status": "fail" if failed else "pass", "max_score": report.max_score, "tests": tests}


def points_line(report: Report) -> str:
    return f"Points {report.score:g}/{report.max_score:g}"


def encoded(report: Report) -> str:
    return base64.b64encode(json.dumps(classroom_result(report)).encode("utf-8")).decode("ascii")


def publish(report: Report) -> Path | None:
    """Write `result=<base64>` to the step's outputs when running in GitHub Actions."""
    target = os.environ.get("GITHUB_OUTPUT")
    if not target:
        return None
    with open(target, "a", encoding="utf-8") as f:
        f.write(f"result={encoded(report)}\n")
    return Path(target)
