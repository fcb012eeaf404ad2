"""Grading results as small records, and one writer per output format.

`Report` is what a grading session produced; `scorecard()` renders it for a
terminal, `gradescope()` as Gradescope's results.json.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import __version__

SCHEMA_VERSION = 1
PASSED, FAILED, ERROR = "passed", "failed", "error"  # ERROR: the grader itself broke
GRADESCOPE_VISIBILITY = {"public": "visible", "hidden": "after_published"}


@dataclass
class CheckResult:
    task_id: str
    check_id: str
    description: str
    max_points: float
    visibility: str
    status: str = FAILED
    expected: str = ""
    observed: str = ""
    hint: str = ""
    details: str = ""  # traceback of a grader error
    advice: bool = False  # a 0-point note (free-form edition): never costs marks

    @property
    def points(self) -> float:
        return self.max_points if self.status == PASSED else 0

    def feedback(self) -> str:
        if self.status == PASSED:
            return ""
        if self.status == ERROR:
            return "The grader itself failed on this check (a bug in the kit; please report it).\n" + self.details
        lines = [f"expected: {self.expected}", f"observed: {self.observed}"]
        if self.hint:
            lines.append(f"hint:     {self.hint}")
        return "\n".join(lines)


@dataclass
class TaskSummary:
    task_id: str
    title: str
    checks: list = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(c.points for c in self.checks)

    @property
    def max_score(self) -> float:
        return sum(c.max_points for c in self.checks)


@dataclass
class Report:
    title: str
    submission: str
    tasks: list = field(default_factory=list)  # TaskSummary, in manifest order
    execution_time: float = 0.0
    # task id -> [timeline.run_timeline() of each finished run]: JSON-able, for feedback
    timelines: dict = field(default_factory=dict)
    # sandbox/kernel.summary(): which protections were in force ("text" is the one line to show)
    sandbox: dict = field(default_factory=dict)
    # free-form edition: where each answer was found, and the prose answers (freeform.grade.free_form_summary)
    free_form: dict | None = None

    @property
    def checks(self) -> list:
        return [c for t in self.tasks for c in t.checks]

    @property
    def score(self) -> float:
        return sum(t.score for t in self.tasks)

    @property
    def max_score(self) -> float:
        return sum(t.max_score for t in self.tasks)

    @property
    def grader_errors(self) -> list:
        return [c for c in self.checks if c.status == ERROR]


def _num(value: float) -> str:
    return f"{value:g}"


def scorecard(report: Report, width: int = 78, timeline: bool = False) -> str:
    """The student's scorecard: per task, points and what to fix (and, on request, its processes)."""
    rule = "=" * width
    out = [rule, f"{report.title}: scorecard for {report.submission}", rule]
    for task in report.tasks:
        mark = "ok" if task.score == task.max_score else "  "
        out.append(f"{mark} {task.task_id}  {task.title:<50} {_num(task.score):>5} / {_num(task.max_score)}")
        shown: set = set()
        for c in task.checks:
            if c.status == PASSED:
                continue
            tag = " (hidden check)" if c.visibility == "hidden" else ""
            out.append(f"     {'~' if c.advice else 'x'} {c.description}{tag}")
            # Checks that failed for the same reason (a stub, a crash) say it once.
            reason = c.feedback()
            if reason in shown:
                out.append("         (same reason as above)")
                continue
            shown.add(reason)
            for line in reason.splitlines():
                out.append(f"         {line}")
        if report.free_form:
            out.extend(_free_form_lines(report.free_form, task.task_id))
        if timeline:
            out.extend(_timeline_lines(report.timelines.get(task.task_id, [])))
    if report.free_form:
        out.extend(_prose_lines(report.free_form))
    out.append("-" * width)
    passed = sum(1 for c in report.checks if c.status == PASSED)
    out.append(
        f"TOTAL {_num(report.score)} / {_num(report.max_score)} points"
        f"  ({passed} of {len(report.checks)} checks passed)"
    )
    if report.grader_errors:
        out.append(f"{len(report.grader_errors)} check(s) could not be graded because of a bug in the grader.")
    if report.sandbox.get("text"):
        out.append(report.sandbox["text"])
    out.append(rule)
    return "\n".join(out)


def _free_form_lines(free_form: dict, task_id: str) -> list[str]:
    """Which cells were taken for a free-form question (so the student can check it)."""
    entry = free_form["questions"].get(task_id) or {}
    if entry.get("missing"):
        return []
    lines = [f"     found by {entry.get('found_by')}; program from: {', '.join(entry.get('cells') or []) or 'no code'}"]
    if entry.get("imports_from_earlier_cells"):
        lines.append(f"     imports from earlier cells: {'; '.join(entry['imports_from_earlier_cells'])}")
    lines += [f"     left out {why}" for why in entry.get("left_out") or []]
    return lines


def _prose_lines(free_form: dict) -> list[str]:
    """Prose answers (graded by hand): which were found."""
    lines = []
    for task_id, entry in free_form["questions"].items():
        if entry.get("answer") != "prose":
            continue
        said = "not found" if entry.get("missing") else f"{len(entry.get('prose', '').split())} words, found by " \
            f"{entry.get('found_by')}"
        lines.append(f"   {task_id}  prose answer, graded by hand: {said}")
    return lines


def _timeline_lines(runs: list) -> list[str]:
    from .timeline import TEXT_LEGEND, text_timeline

    if not runs:
        return ["     (no run of this task finished, so there is no timeline)"]
    lines = [f"     processes {TEXT_LEGEND}"]
    for run in runs:
        lines += [f"     {line}" for line in text_timeline(run)]
    return lines


def gradescope(report: Report) -> dict:
    """Gradescope's results.json; every test name starts with its task id."""
    tests = []
    for number, c in enumerate(report.checks, start=1):
        tests.append(
            {
                "name": f"{c.task_id}: {c.description}",
                "number": str(number),
                "score": c.points,
                "max_score": c.max_points,
                # advice costs nothing: shown as passed, its note in the output
                "status": "passed" if c.status == PASSED or (c.advice and c.status == FAILED) else "failed",
                "output": c.feedback(),
                "visibility": GRADESCOPE_VISIBILITY[c.visibility],
                "tags": [c.task_id, c.check_id],
                "extra_data": {"task": c.task_id, "check": c.check_id, "result": c.status,
                               **({"advice": True} if c.advice else {})},
            }
        )
    return {
        "score": report.score,
        "execution_time": round(report.execution_time, 3),
        "output": "\n".join(filter(None, [f"{_num(report.score)} / {_num(report.max_score)} points",
                                          report.sandbox.get("text")])),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
        "extra_data": {"mpkit_version": __version__, "schema_version": SCHEMA_VERSION, "max_score": report.max_score,
                       "sandbox": report.sandbox,
                       **({"free_form": report.free_form} if report.free_form else {})},
    }
