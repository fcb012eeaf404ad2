"""`mpkit release OUT_DIR`: the bundle students receive.

It holds the stubs, the graders without hidden checks (see public_graders),
a student edition of the manifest (no solutions, hidden checks or quiz
answers), the mpkit library and pyproject so `pip install -e .` works, a
README for students and a GitHub Classroom workflow. Before the bundle is
put in place it is searched for every secret of the kit (see leaks); a
bundle with one is never written.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml

from ..errors import MpkitError
from ..kit.manifest import Manifest, load_manifest, quiz_check_id
from ..kit.stubs import drifted
from . import classroom
from .leaks import find_leaks
from .public_graders import public_grader

LIBRARY = Path(__file__).resolve().parent.parent  # the mpkit package that is running
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
GITIGNORE = ".venv/\n__pycache__/\n*.egg-info/\n*.html\n"


def release(kit: Path, out: Path) -> Path:
    """Write the student bundle of `kit` to `out` (a new or empty folder)."""
    kit, out = Path(kit).resolve(), Path(out).resolve()
    manifest = load_manifest(kit / "config" / "manifest.yaml")
    if manifest.edition == "student":
        raise MpkitError(f"{manifest.path}: this is already a student edition; release from the instructor's kit")
    stale = drifted(manifest)
    if stale:
        raise MpkitError(f"{stale[0]}: differs from the stub made from its solution (run `mpkit stubs` first)")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise MpkitError(f"{out}: exists and is not an empty folder; choose a new folder for the bundle")
    if not (kit / "pyproject.toml").is_file():
        raise MpkitError(f"{kit}: no pyproject.toml; the bundle needs it so students can `pip install -e .`")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        _write(kit, manifest, staging)
        leaks = find_leaks(manifest, staging)
        if leaks:
            raise MpkitError(f"the bundle would give away {leaks[0]} (and {len(leaks) - 1} more); nothing written"
                             if len(leaks) > 1 else f"the bundle would give away {leaks[0]}; nothing written")
        if out.exists():
            out.rmdir()
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def _write(kit: Path, manifest: Manifest, dest: Path) -> None:
    for task in manifest.tasks:
        for source, kind in ((task.stub, "stub"), (task.grader, "grader")):
            if kit not in source.parents:
                raise MpkitError(f"{manifest.path}: task {task.id}: the {kind} {source} is outside the kit folder")
        stub = dest / task.stub.relative_to(kit)
        stub.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(task.stub, stub)
        grader = dest / task.grader.relative_to(kit)
        grader.parent.mkdir(parents=True, exist_ok=True)
        hidden = {c.id for c in task.checks if c.hidden}
        grader.write_text(public_grader(task.grader.read_text(encoding="utf-8"), hidden, str(task.grader)),
                          encoding="utf-8")
        ini = task.grader.parent / "pytest.ini"
        if ini.is_file():
            shutil.copyfile(ini, grader.parent / "pytest.ini")
    config = dest / "config" / "manifest.yaml"
    config.parent.mkdir(parents=True)
    config.write_text(student_manifest_text(manifest), encoding="utf-8")
    student = load_manifest(config)  # the bundle's own manifest must load
    shutil.copytree(LIBRARY, dest / "src" / "mpkit", ignore=IGNORED)
    shutil.copyfile(kit / "pyproject.toml", dest / "pyproject.toml")
    quiz_ids = {quiz_check_id(q.key) for t in manifest.tasks for q in t.quiz}
    hidden = sum(1 for t in manifest.tasks for c in t.checks if c.hidden and c.id not in quiz_ids)
    (dest / "README.md").write_text(student_readme(student, hidden), encoding="utf-8")
    (dest / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    classroom.write_workflow(dest)


def student_manifest_text(manifest: Manifest) -> str:
    """The manifest as YAML without solutions, hidden checks and quiz answers."""
    data = yaml.safe_load(manifest.path.read_text(encoding="utf-8"))
    data["edition"] = "student"
    for task in data["tasks"]:
        task.pop("solution", None)
        task.pop("free_form", None)  # instructor-side: its graders are not in the bundle
        task["question"] = " ".join(str(task["question"]).split())
        public = [c for c in task["checks"] if c.get("visibility", "public") != "hidden"]
        if not public:
            raise MpkitError(f"{manifest.path}: task {task['id']} has no public check; a bundle could not grade it")
        task["checks"] = public
        for item in task.get("quiz") or []:
            item.pop("answer", None)
    header = ("# Student edition of the kit's manifest, written by `mpkit release`: the tasks and the\n"
              "# checks you can run. Your instructor also grades hidden checks and the quiz answers.\n")
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def student_readme(manifest: Manifest, hidden_checks: int = 0) -> str:
    rows = "\n".join(
        f"| {t.id.upper()} | `exercises/{t.file}` | {t.title} | {t.points:g} |" for t in manifest.tasks
    )
    questions = "\n".join(f"- **{t.id.upper()}. {t.title}** {t.question}" for t in manifest.tasks)
    quiz = [t.id.upper() for t in manifest.tasks if t.quiz]
    explained = [t.id.upper() for t in manifest.tasks if t.explanation_points]
    notes = [f"{hidden_checks} more check{'s' if hidden_checks != 1 else ''} not shown here"] if hidden_checks else []
    if quiz:
        notes.append(f"your quiz answers in ANSWERS ({', '.join(quiz)}); here they are only checked for being answered")
    if explained:
        notes.append(f"your EXPLANATION texts ({', '.join(explained)})")
    extra = ("\n\nYour instructor also grades:\n\n" + "\n".join(f"- {note}" for note in notes)) if notes else ""
    return f"""# {manifest.title}

Exercises on Python's `multiprocessing`. Write your code in the files in
`exercises/` (look for `TODO`); the graders in `graders/` run it in real
processes and tell you what happened.

| task | file | title | points here |
|---|---|---|---|
{rows}

{questions}

## Install and check your work

Needs Python 3.10 or newer. From this folder (Linux or macOS):

```
python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/pytest graders/
```

(Windows: `py -m venv .venv && .venv\\Scripts\\pip install -e . && .venv\\Scripts\\pytest graders/`.)

The run ends with a scorecard: points per task and, for each failed check,
what was expected, what your code did, and a hint. Edit the files in
`exercises/` and run `pytest graders/` again.{extra}

More ways to look at your work:

- `pytest graders/ --timeline` adds, under each task, a picture of the
  processes your code started: when each ran, printed and was joined.
- `mpkit grade exercises --out results.json --html report.html` writes the
  same feedback as a web page with a timeline of your processes; open it in
  a browser.
- `pytest graders/ --submission DIR` grades the task files in another folder.

## GitHub Classroom

If this folder is your assignment repository, every push runs the checks
(`.github/workflows/classroom.yml`) and reports your points to GitHub
Classroom; the "Autograding Tests" run on GitHub shows the same scorecard.
"""
