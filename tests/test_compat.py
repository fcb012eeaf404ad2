"""The start-up check of the recorder's assumptions about multiprocessing's
internals (sandbox/boot/_mpkit_compat.py): silent where they hold, one clear
line where an internal the recorder patches is missing or changed."""
from __future__ import annotations

import subprocess
import sys

from conftest import KIT, SOLUTIONS

from mpkit.sandbox.runner import recorder_notes


def test_this_python_meets_every_assumption():
    assert recorder_notes() == []


def _grade_with(prelude: str) -> subprocess.CompletedProcess:
    """`mpkit grade` on the solutions in a grader where `prelude` has changed
    an internal first (as a Python the kit was not made for would have it)."""
    code = f"{prelude}\nimport runpy, sys\nsys.argv = ['mpkit', 'grade', {str(SOLUTIONS)!r}]\n" \
           "runpy.run_module('mpkit.cli', run_name='__main__')"
    return subprocess.run([sys.executable, "-c", code], cwd=KIT, capture_output=True, text=True, timeout=300)


def test_a_missing_internal_is_said_in_one_line_and_grading_goes_on():
    done = _grade_with("import multiprocessing.pool as p\ndel p.Pool.close")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if "recorder:" in line]
    assert len(lines) == 1, done.stderr
    assert "multiprocessing.pool.Pool.close is missing (a pool's shut-down: not recorded)" in lines[0]
    assert '"score"' in done.stdout  # graded what it still could


def test_a_changed_internal_is_caught():
    done = _grade_with("import multiprocessing.process as m\nm.BaseProcess.exitcode = 0")
    assert "multiprocessing.process.BaseProcess.exitcode is no longer a property" in done.stderr, done.stderr
