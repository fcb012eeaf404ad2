"""The benchmark's submissions as an nbgrader course, for `nbgrader autograde`.

The course is what `mpkit nbgrader` writes; each student's notebook is the
source notebook with every task's `%%writefile` code cell (and quiz cell)
replaced by that student's files, so nbgrader grades the same code as
`mpkit grade --batch`.
"""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import nbformat
from environment import default_env

KIT = Path(__file__).resolve().parent.parent
NAME = "mp"


def _env() -> dict:
    # nbgrader calls `alembic` from PATH: put this interpreter's scripts first.
    return dict(default_env(), PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))


def _run(cmd, cwd: Path) -> None:
    done = subprocess.run(cmd, cwd=cwd, env=_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")


def _cell(nb, grade_id: str):
    return next((c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id), None)


def _answers(source: str) -> str | None:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "ANSWERS" for t in node.targets):
            return ast.get_source_segment(source, node)
    return None


def build_course(submissions: Path, course: Path, kit: Path = KIT) -> Path:
    from mpkit.kit.manifest import load_manifest

    _run([sys.executable, "-m", "mpkit.cli", "--kit", kit, "nbgrader", course, "--assignment", NAME], cwd=kit)
    _run([sys.executable, "-m", "nbgrader", "generate_assignment", NAME, "--force"], cwd=course)
    source_nb = nbformat.read(str(course / "source" / NAME / f"{NAME}.ipynb"), as_version=4)
    manifest = load_manifest(kit / "config" / "manifest.yaml")
    for student in sorted(p for p in submissions.iterdir() if p.is_dir()):
        nb = nbformat.from_dict(source_nb)
        for task in manifest.tasks:
            path = student / task.file
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
            code = _cell(nb, f"{task.id}_code")
            if code is not None:
                code.source = f"%%writefile {task.file}\n{text}"
            quiz = _cell(nb, f"{task.id}_quiz")
            if quiz is not None:
                quiz.source = f"%%writefile {task.id}_quiz.py\n{_answers(text) or 'ANSWERS = {}'}\n"
        folder = course / "submitted" / student.name / NAME
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / f"{NAME}.ipynb"))
    return course
