"""The kit's GitHub workflows are valid: checked against GitHub's workflow
schema as check-jsonschema ships it (no network needed)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import KIT

CI = KIT / ".github" / "workflows" / "ci.yml"


def validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True, text=True, timeout=120,
    )


def test_ci_workflow_is_valid():
    done = validate(CI)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_broken_workflow_is_rejected(tmp_path):
    """The validation can fail: the same workflow with a misspelt key is refused."""
    text = CI.read_text(encoding="utf-8")
    assert "runs-on:" in text
    broken = tmp_path / "ci.yml"
    broken.write_text(text.replace("runs-on:", "run-on:"), encoding="utf-8")
    done = validate(broken)
    assert done.returncode != 0, done.stdout


@pytest.mark.parametrize("version", ["3.10", "3.11", "3.12", "3.13", "3.14"])
def test_ci_covers_every_python_students_use(version):
    data = yaml.safe_load(CI.read_text(encoding="utf-8"))
    matrix = data["jobs"]["test"]["strategy"]["matrix"]
    assert version in matrix["python"]
    assert {"ubuntu-latest", "macos-latest", "windows-latest"} <= set(matrix["os"])


def test_ci_runs_the_readme_test_command():
    readme = (KIT / "README.md").read_text(encoding="utf-8")
    command = 'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/pytest'
    assert command in readme
    assert command in CI.read_text(encoding="utf-8")
