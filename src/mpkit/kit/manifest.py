"""The manifest (`config/manifest.yaml`): the one list of tasks and checks.

It is read into small frozen dataclasses. Anything unexpected (an unknown
key, a missing file, a duplicate id, a bad value) is an `MpkitError` whose
message names the file and the key path, for example
`config/manifest.yaml: tasks[2].checks[0].points: expected a number >= 0, got 'x'`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MpkitError

VISIBILITIES = ("public", "hidden")
# instructor: the full kit (solutions, hidden checks, quiz answers).
# student: what `mpkit release` hands out; it must hold none of those.
EDITIONS = ("instructor", "student")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Check:
    id: str
    points: float
    description: str
    visibility: str = "public"
    advice: bool = False  # a 0-point note (free-form edition): shown to teach, never costs marks

    @property
    def hidden(self) -> bool:
        return self.visibility == "hidden"


@dataclass(frozen=True)
class QuizItem:
    key: str
    statement: str
    answer: bool | None  # None only in a student edition (no answer key)
    points: float = 1


@dataclass(frozen=True)
class FreeForm:
    """A task's free-form edition: the question as students see it (to find
    its answer in a notebook), and either a grader with its checks (code) or
    nothing to grade automatically (prose, graded by hand)."""

    asks: str
    answer: str  # "code" or "prose"
    grader: Path | None = None
    checks: tuple = ()


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    question: str
    stub: Path
    solution: Path | None  # None in a student edition
    grader: Path
    time_limit: float
    checks: tuple[Check, ...]
    quiz: tuple[QuizItem, ...] = ()
    explanation_points: float = 0
    free_form: FreeForm | None = None

    @property
    def file(self) -> str:
        """The task file's name, the same in every submission."""
        return self.stub.name

    @property
    def module(self) -> str:
        return self.stub.stem

    def check(self, check_id: str) -> Check | None:
        return next((c for c in self.checks if c.id == check_id), None)

    @property
    def points(self) -> float:
        return sum(c.points for c in self.checks)


@dataclass(frozen=True)
class Manifest:
    path: Path
    root: Path  # paths in the manifest are relative to this directory
    title: str
    tasks: tuple[Task, ...] = field(default_factory=tuple)
    edition: str = "instructor"
    # sandbox: {require_kernel: true}: refuse to grade where the kernel layer (Landlock) is missing
    require_kernel_sandbox: bool = False

    def task(self, task_id: str) -> Task | None:
        return next((t for t in self.tasks if t.id == task_id), None)

    def task_for_grader(self, grader: Path) -> Task | None:
        grader = Path(grader).resolve()
        return next((t for t in self.tasks if t.grader.resolve() == grader), None)

    @property
    def points(self) -> float:
        return sum(t.points for t in self.tasks)


def quiz_check_id(key: str) -> str:
    return f"quiz_{key}"


class _Reader:
    """Walks the parsed YAML, knowing where it is for error messages."""

    def __init__(self, path: Path, shown: str):
        self.path, self.shown = path, shown

    def fail(self, where: str, problem: str):
        raise MpkitError(f"{self.shown}: {where}: {problem}" if where else f"{self.shown}: {problem}")

    def mapping(self, value, where: str, required: set, optional: set) -> dict:
        if not isinstance(value, dict):
            self.fail(where, f"expected a mapping of keys, got {_kind(value)}")
        for key in value:
            if key not in required | optional:
                allowed = ", ".join(sorted(required | optional))
                self.fail(_join(where, key), f"unknown key (allowed here: {allowed})")
        for key in sorted(required):
            if key not in value:
                self.fail(_join(where, key), "missing (this key is required)")
        return value

    def text(self, value, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"expected non-empty text, got {_kind(value)}")
        return value.strip()

    def ident(self, value, where: str) -> str:
        if not isinstance(value, str) or not _ID.match(value):
            self.fail(where, f"expected an id of lowercase letters, digits and _, got {value!r}")
        return value

    def number(self, value, where: str, minimum: float = 0, strict: bool = False) -> float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not ok or value < minimum or (strict and value == minimum):
            bound = f"> {minimum}" if strict else f">= {minimum}"
            self.fail(where, f"expected a number {bound}, got {value!r}")
        return value

    def boolean(self, value, where: str) -> bool:
        if not isinstance(value, bool):
            self.fail(where, f"expected true or false, got {value!r}")
        return value

    def file(self, value, where: str, root: Path, must_exist: bool = True) -> Path:
        name = self.text(value, where)
        path = (root / name).resolve()
        if must_exist and not path.is_file():
            self.fail(where, f"file {name!r} not found (looked in {root})")
        return path

    def listing(self, value, where: str) -> list:
        if not isinstance(value, list) or not value:
            self.fail(where, f"expected a non-empty list, got {_kind(value)}")
        return value


def _kind(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (str, int, float, bool)):
        return repr(value)
    return type(value).__name__


def _join(where: str, key) -> str:
    return f"{where}.{key}" if where else str(key)


def load_manifest(path: str | Path, stubs_exist: bool = True) -> Manifest:
    """Read and validate the manifest. `stubs_exist=False` is for writing the stubs."""
    import yaml

    path = Path(path)
    shown = str(path)
    if not path.is_file():
        raise MpkitError(f"{shown}: manifest not found (run from the kit's folder or pass --kit DIR)")
    try:
        # libyaml's loader when PyYAML has it: ten times faster than the pure-Python one
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise MpkitError(f"{shown}: not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    r = _Reader(path, shown)
    root = path.resolve().parent.parent  # config/manifest.yaml -> the kit folder
    top = r.mapping(data, "", {"version", "tasks"}, {"title", "defaults", "edition", "sandbox"})
    if top["version"] != 1:
        r.fail("version", f"expected 1, got {top['version']!r}")
    defaults = r.mapping(top.get("defaults") or {}, "defaults", set(), {"time_limit"})
    default_limit = r.number(defaults.get("time_limit", 10), "defaults.time_limit", 0, strict=True)
    edition = top.get("edition", "instructor")
    if edition not in EDITIONS:
        r.fail("edition", f"expected one of {', '.join(EDITIONS)}, got {edition!r}")
    tasks = []
    seen_ids, seen_files = set(), set()
    for i, raw in enumerate(r.listing(top["tasks"], "tasks")):
        where = f"tasks[{i}]"
        task = _task(r, raw, where, root, default_limit, stubs_exist, edition)
        if task.id in seen_ids:
            r.fail(f"{where}.id", f"duplicate task id {task.id!r}")
        if task.file in seen_files:
            r.fail(f"{where}.stub", f"another task already uses the file name {task.file!r}")
        seen_ids.add(task.id)
        seen_files.add(task.file)
        tasks.append(task)
    title = r.text(top.get("title", "mpkit exercises"), "title")
    sandbox = r.mapping(top.get("sandbox") or {}, "sandbox", set(), {"require_kernel"})
    require_kernel = r.boolean(sandbox.get("require_kernel", False), "sandbox.require_kernel")
    return Manifest(path=path.resolve(), root=root, title=title, tasks=tuple(tasks), edition=edition,
                    require_kernel_sandbox=require_kernel)


def _task(r: _Reader, raw, where: str, root: Path, default_limit: float, stubs_exist: bool,
          edition: str = "instructor") -> Task:
    student = edition == "student"
    if student and isinstance(raw, dict) and "solution" in raw:
        r.fail(f"{where}.solution", "a student edition must not name a solution")
    required = {"id", "title", "question", "stub", "grader", "checks"} | (set() if student else {"solution"})
    m = r.mapping(raw, where, required, {"time_limit", "quiz", "explanation_points", "free_form"})
    task_id = r.ident(m["id"], f"{where}.id")
    stub = r.file(m["stub"], f"{where}.stub", root, must_exist=stubs_exist)
    solution = None
    if not student:
        solution = r.file(m["solution"], f"{where}.solution", root)
        if stub.name != solution.name:
            r.fail(f"{where}.solution", f"the solution file must have the stub's name {stub.name!r}")
    grader = r.file(m["grader"], f"{where}.grader", root)
    limit = r.number(m.get("time_limit", default_limit), f"{where}.time_limit", 0, strict=True)
    quiz = tuple(_quiz_item(r, q, f"{where}.quiz[{j}]", student) for j, q in enumerate(m.get("quiz") or []))
    checks = [_check(r, c, f"{where}.checks[{j}]") for j, c in enumerate(r.listing(m["checks"], f"{where}.checks"))]
    if student:
        hidden = next((j for j, c in enumerate(checks) if c.hidden), None)
        if hidden is not None:
            r.fail(f"{where}.checks[{hidden}].visibility", "a student edition must not hold hidden checks")
    else:
        # Each quiz statement is a hidden check of its own: the key stays hidden.
        # A student edition has no key, so its quiz is only asked, never marked.
        checks += [
            Check(quiz_check_id(q.key), q.points, f"Quiz: {q.statement}", "hidden") for q in quiz
        ]
    seen = set()
    for j, c in enumerate(checks):
        if c.id in seen:
            r.fail(f"{where}.checks[{j}].id", f"duplicate check id {c.id!r} in task {task_id!r}")
        seen.add(c.id)
    keys = [q.key for q in quiz]
    if len(set(keys)) != len(keys):
        r.fail(f"{where}.quiz", "duplicate quiz key")
    return Task(
        id=task_id,
        title=r.text(m["title"], f"{where}.title"),
        question=r.text(m["question"], f"{where}.question"),
        stub=stub,
        solution=solution,
        grader=grader,
        time_limit=limit,
        checks=tuple(checks),
        quiz=quiz,
        explanation_points=r.number(m.get("explanation_points", 0), f"{where}.explanation_points"),
        free_form=_free_form(r, m["free_form"], f"{where}.free_form", root) if "free_form" in m else None,
    )


def _free_form(r: _Reader, raw, where: str, root: Path) -> FreeForm:
    m = r.mapping(raw, where, {"asks", "answer"}, {"grader", "checks"})
    answer = m["answer"]
    if answer not in ("code", "prose"):
        r.fail(f"{where}.answer", f"expected code or prose, got {answer!r}")
    if answer == "prose":
        extra = sorted(set(m) & {"grader", "checks"})
        if extra:
            r.fail(f"{where}.{extra[0]}", "a prose answer is graded by hand: no grader or checks")
        return FreeForm(asks=r.text(m["asks"], f"{where}.asks"), answer=answer)
    for key in ("grader", "checks"):
        if key not in m:
            r.fail(f"{where}.{key}", "missing (a code answer needs a grader and checks)")
    checks = [_check(r, c, f"{where}.checks[{j}]", free_form=True)
              for j, c in enumerate(r.listing(m["checks"], f"{where}.checks"))]
    seen = set()
    for j, c in enumerate(checks):
        if c.id in seen:
            r.fail(f"{where}.checks[{j}].id", f"duplicate check id {c.id!r}")
        seen.add(c.id)
    if not any(c.points for c in checks):
        r.fail(f"{where}.checks", "no check with points: a correct answer would score nothing")
    return FreeForm(asks=r.text(m["asks"], f"{where}.asks"), answer=answer,
                    grader=r.file(m["grader"], f"{where}.grader", root), checks=tuple(checks))


def free_form_edition(manifest: Manifest) -> Manifest:
    """The manifest as `mpkit grade --free-form` grades it: each task with a
    code answer, its checks and grader those of its free-form edition."""
    from dataclasses import replace

    tasks = tuple(replace(t, grader=t.free_form.grader, checks=t.free_form.checks, quiz=())
                  for t in manifest.tasks if t.free_form and t.free_form.answer == "code")
    if not tasks:
        raise MpkitError(f"{manifest.path}: no task has a free-form edition (free_form: with answer: code); "
                         "a student edition has none")
    return replace(manifest, tasks=tasks)


def _check(r: _Reader, raw, where: str, free_form: bool = False) -> Check:
    m = r.mapping(raw, where, {"id", "points", "description"}, {"visibility", "advice"} if free_form else {"visibility"})
    check_id = r.ident(m["id"], f"{where}.id")
    advice = r.boolean(m.get("advice", False), f"{where}.advice")
    if advice and m["points"] != 0:
        r.fail(f"{where}.points", f"advice is worth 0 points, got {m['points']!r}")
    visibility = m.get("visibility", "public")
    if visibility not in VISIBILITIES:
        r.fail(f"{where}.visibility", f"expected one of {', '.join(VISIBILITIES)}, got {visibility!r}")
    return Check(
        id=check_id,
        points=r.number(m["points"], f"{where}.points"),
        description=r.text(m["description"], f"{where}.description"),
        visibility=visibility,
        advice=advice,
    )


def _quiz_item(r: _Reader, raw, where: str, student: bool = False) -> QuizItem:
    if student and isinstance(raw, dict) and "answer" in raw:
        r.fail(f"{where}.answer", "a student edition must not hold quiz answers")
    m = r.mapping(raw, where, {"key", "statement"} | (set() if student else {"answer"}), {"points"})
    return QuizItem(
        key=r.ident(m["key"], f"{where}.key"),
        statement=r.text(m["statement"], f"{where}.statement"),
        answer=None if student else r.boolean(m["answer"], f"{where}.answer"),
        points=r.number(m.get("points", 1), f"{where}.points"),
    )


def find_kit(start: str | Path | None = None) -> Path:
    """The kit folder: `start` or the nearest parent holding config/manifest.yaml."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "config" / "manifest.yaml").is_file():
            return folder
    raise MpkitError(f"no config/manifest.yaml in {here} or above (run from the kit's folder or pass --kit DIR)")
