"""`mpkit nbgrader COURSE_DIR`: the kit as an nbgrader source assignment.

Writes, from the manifest and the solutions:
- `COURSE_DIR/source/NAME/NAME.ipynb`, the instructor's notebook: per task a
  question, the solution cell (`%%writefile <task file>` with nbgrader's
  solution markers), the quiz cell, one autograded test cell per check
  (hidden checks inside `### BEGIN HIDDEN TESTS`), and a manually graded
  answer cell for a written explanation;
- `COURSE_DIR/mpkit_kit/`, the copy of the kit the test cells grade with at
  autograde time (graders, manifest with the quiz key): it stays with the
  instructor, outside what nbgrader releases;
- `COURSE_DIR/nbgrader_config.py`, if there is none.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from ...errors import MpkitError
from ...kit.manifest import Manifest, Task, load_manifest
from .cells import KIT_FOLDER, quiz_file
from .parts import Parts, split_solution

SCHEMA_VERSION = 3  # nbgrader 0.9's cell metadata
CELL_TIMEOUT = 30  # nbgrader's per-cell limit (Execute.timeout) when autograding
CELL_MARGIN = 10  # a test cell's time beyond its task's time limit: start-up, imports, checks, clean-up
KIT_PARTS = ("config", "graders", "solutions", "exercises")
NBGRADER_IGNORE = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]  # nbgrader's default
NAME_OK = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"

CONFIG = '''\
# nbgrader settings for this course (written by `mpkit nbgrader`).
c = get_config()  # noqa: F821 (nbgrader defines it)

c.CourseDirectory.course_id = "{course_id}"
# The files the notebook's %%writefile cells write. Running the source
# notebook leaves the solutions there: nbgrader must neither release them nor
# copy them into a student's folder when autograding.
c.CourseDirectory.ignore = {ignore!r}
# Each mpkit test cell finishes within its task's time limit plus a few
# seconds, well inside nbgrader's default per-cell limit.
c.Execute.timeout = {timeout}
'''

INTRO = """\
# {title}

Each task below has a code cell that starts with `%%writefile`: it writes
your code to a Python file when you run it. Processes started with
`multiprocessing` import that file, so this works under every start method
(functions defined in a notebook cell cannot be found by `spawn` children).

1. Replace each `raise NotImplementedError()` with your code and run the cell.
2. For quizzes, replace each `None` with `True` or `False` and run the cell.
3. Run the test cells below it. Each grades your file in separate processes
   and, when a check fails, says what was expected, what your code did, and
   a hint. Hidden checks run when your notebook is graded. (Where the course's
   graders are not installed, a test cell says so: your checks then run when
   your notebook is graded.)

Run the `%%writefile` cells again after every change.
"""


def nbgrader_metadata(grade_id: str, *, grade=False, solution=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA_VERSION,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def _points(value: float) -> str:
    return f"{value:g} point" + ("" if value == 1 else "s")


def task_parts(task: Task) -> Parts:
    if task.solution is None or not Path(task.solution).is_file():
        raise MpkitError(f"{task.id}: the notebook needs the task's solution file (use the instructor's kit)")
    return split_solution(Path(task.solution).read_text(encoding="utf-8"), str(task.solution))


def task_cells(task: Task, parts: Parts) -> list:
    from nbformat.v4 import new_code_cell, new_markdown_cell

    auto = sum(c.points for c in task.checks)
    worth = _points(auto) + " graded automatically"
    if task.explanation_points:
        worth += f", {_points(task.explanation_points)} by your instructor"
    cells = [
        new_markdown_cell(f"## {task.id.upper()}: {task.title}\n\n{task.question}\n\n*{worth}.*"),
        new_code_cell(f"%%writefile {task.file}\n{parts.module}",
                      metadata=nbgrader_metadata(f"{task.id}_code", solution=True)),
    ]
    if task.quiz:
        if parts.quiz is None:
            raise MpkitError(f"{task.solution}: task {task.id} has a quiz but its solution has no ANSWERS")
        cells.append(new_code_cell(f"%%writefile {quiz_file(task.id)}\n{parts.quiz}",
                                   metadata=nbgrader_metadata(f"{task.id}_quiz", solution=True)))
    cells.append(new_markdown_cell(f"Checks of {task.id.upper()}: run each cell; no output means it passed."))
    hidden = [c for c in task.checks if c.hidden]
    cells.extend(test_cell(task, check, hidden.index(check) + 1 if check.hidden else 0) for check in task.checks)
    if task.explanation_points:
        prompt = parts.explanation_prompt or "Explain your solution in your own words."
        cells.append(new_markdown_cell(
            f"**{task.id.upper()}, in your own words** ({_points(task.explanation_points)}, graded by your "
            f"instructor): {prompt}\n\nWrite your answer in the next cell."))
        cells.append(new_markdown_cell(parts.explanation or "(no reference answer)", metadata=nbgrader_metadata(
            f"{task.id}_explanation", grade=True, solution=True, points=task.explanation_points)))
    return cells


def test_cell(task: Task, check, hidden_number: int = 0):
    """One autograded cell per check. A hidden check's cell keeps only a neutral
    comment and grade id in the released notebook (nbgrader removes the rest)."""
    from nbformat.v4 import new_code_cell

    call = f'from mpkit.courses.nbgrader.cells import check\ncheck("{task.id}", "{check.id}")'
    if hidden_number:
        grade_id = f"{task.id}_hidden_{hidden_number}"
        source = (f"# A hidden check ({_points(check.points)}): it runs when your notebook is graded.\n"
                  f"### BEGIN HIDDEN TESTS\n# {check.description}\n{call}\n### END HIDDEN TESTS")
    else:
        grade_id = f"{task.id}_{check.id}"
        source = f"# {check.description} ({_points(check.points)})\n{call}"
    return new_code_cell(source, metadata=nbgrader_metadata(grade_id, grade=True, locked=True, points=check.points))


def build_notebook(manifest: Manifest):
    """The source notebook (with solutions, hidden tests and the quiz key)."""
    import nbformat
    from nbformat.v4 import new_markdown_cell, new_notebook

    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells.append(new_markdown_cell(INTRO.format(title=manifest.title)))
    for task in manifest.tasks:
        if task.time_limit + CELL_MARGIN > CELL_TIMEOUT:
            raise MpkitError(
                f"{manifest.path}: task {task.id}: time_limit {task.time_limit:g} s is too long for nbgrader's "
                f"{CELL_TIMEOUT} s per cell (at most {CELL_TIMEOUT - CELL_MARGIN} s)"
            )
        nb.cells.extend(task_cells(task, task_parts(task)))
    nbformat.validate(nb)
    return nb


def write_course(kit: Path, course: Path, assignment: str) -> tuple[Path, list[str]]:
    """Write the source assignment, the kit copy and (if missing) nbgrader_config.py.

    Returns the notebook, and the written files an existing nbgrader_config.py
    does not seem to ignore (nbgrader would release them)."""
    try:
        import nbformat
    except ImportError:
        raise MpkitError('mpkit nbgrader needs nbformat: pip install -e ".[nbgrader]" (in the kit\'s folder)') from None

    if not assignment or any(ch not in NAME_OK for ch in assignment):
        raise MpkitError(f"--assignment {assignment!r}: use letters, digits, '_' and '-' only")
    manifest = load_manifest(kit / "config" / "manifest.yaml")
    nb = build_notebook(manifest)
    course = course.resolve()
    if course.exists() and not course.is_dir():
        raise MpkitError(f"{course}: exists and is not a folder")
    folder = course / "source" / assignment
    folder.mkdir(parents=True, exist_ok=True)
    notebook = folder / f"{assignment}.ipynb"
    nbformat.write(nb, str(notebook))
    _copy_kit(manifest.root, course / KIT_FOLDER)
    config = course / "nbgrader_config.py"
    if not config.exists():
        ignore = NBGRADER_IGNORE + written_files(manifest)
        config.write_text(CONFIG.format(course_id=course.name, timeout=CELL_TIMEOUT, ignore=ignore), encoding="utf-8")
    return notebook, missing_ignores(course, manifest)


def written_files(manifest: Manifest) -> list[str]:
    """The files the notebook writes (task modules and quiz files)."""
    return [name for t in manifest.tasks for name in (t.file, quiz_file(t.id) if t.quiz else None) if name]


def missing_ignores(course: Path, manifest: Manifest) -> list[str]:
    """Written files an existing nbgrader_config.py does not seem to mention."""
    config = course / "nbgrader_config.py"
    text = config.read_text(encoding="utf-8", errors="replace") if config.is_file() else ""
    return [name for name in written_files(manifest) if name not in text]


def _copy_kit(kit: Path, target: Path) -> None:
    if target.resolve() == kit.resolve():
        return
    if target.exists():
        shutil.rmtree(target)
    for part in KIT_PARTS:
        shutil.copytree(kit / part, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
