"""The class's gradebook (`grades.csv`) and summary, read from per-student results.json.

Results are read one student at a time and only running totals are kept, so
a class of any size takes the same memory.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..kit.manifest import Manifest

RESULTS = "results.json"
GRADES = "grades.csv"


def _num(value: float) -> str:
    return f"{round(value, 6):g}"


@dataclass
class TaskTally:
    task_id: str
    title: str
    max_score: float
    total: float = 0.0
    full_marks: int = 0
    failures: dict = field(default_factory=dict)  # check id -> how many lost its points

    def most_failed(self, order: list) -> tuple | None:
        """(check id, count) of the check most often failed; ties go to the earlier check."""
        if not self.failures:
            return None
        best = max(self.failures, key=lambda c: (self.failures[c], -order.index(c)))
        return best, self.failures[best]


@dataclass
class ClassSummary:
    tasks: list  # TaskTally, in manifest order
    check_order: dict  # task id -> [check ids in manifest order]
    students: int = 0
    total: float = 0.0
    full_marks: int = 0

    @property
    def max_score(self) -> float:
        return sum(t.max_score for t in self.tasks)


def task_scores(results: dict) -> dict:
    """{task id: points} from one results.json."""
    scores: dict = {}
    for test in results.get("tests", []):
        task = test["extra_data"]["task"]
        scores[task] = scores.get(task, 0) + test["score"]
    return scores


def write_gradebook(results_dir: Path, students, manifest: Manifest) -> ClassSummary:
    """Write RESULTS_DIR/grades.csv for `students` (in the order given) and tally the class."""
    summary = ClassSummary(
        tasks=[TaskTally(t.id, t.title, t.points) for t in manifest.tasks],
        check_order={t.id: [c.id for c in t.checks] for t in manifest.tasks},
    )
    tallies = {t.task_id: t for t in summary.tasks}
    path = Path(results_dir) / GRADES
    partial = path.with_suffix(".csv.partial")
    with open(partial, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["student", *(t.id for t in manifest.tasks), "total", "max"])
        for student in students:
            results = json.loads((Path(results_dir) / student / RESULTS).read_text(encoding="utf-8"))
            scores = task_scores(results)
            total = sum(scores.values())
            writer.writerow([student, *(_num(scores.get(t.id, 0)) for t in manifest.tasks),
                             _num(total), _num(manifest.points)])
            summary.students += 1
            summary.total += total
            summary.full_marks += total == manifest.points
            for task in manifest.tasks:
                tally = tallies[task.id]
                tally.total += scores.get(task.id, 0)
                tally.full_marks += scores.get(task.id, 0) == task.points
            for test in results.get("tests", []):
                if test["score"] < test["max_score"]:
                    info = test["extra_data"]
                    failures = tallies[info["task"]].failures
                    failures[info["check"]] = failures.get(info["check"], 0) + 1
    partial.replace(path)
    return summary


def _mean(total: float, n: int) -> str:
    return f"{total / n:.2f}" if n else "-"


def summary_table(summary: ClassSummary) -> str:
    """Per task: mean score, how many got full marks, the check most often failed."""
    n = summary.students
    rows = [("task", "mean", "full marks", "most often failed check")]
    for t in summary.tasks:
        worst = t.most_failed(summary.check_order[t.task_id])
        rows.append((
            t.task_id,
            f"{_mean(t.total, n)} / {_num(t.max_score)}",
            f"{t.full_marks} of {n}",
            f"{worst[0]} ({worst[1]} of {n})" if worst else "-",
        ))
    rows.append(("total", f"{_mean(summary.total, n)} / {_num(summary.max_score)}",
                 f"{summary.full_marks} of {n}", ""))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join([r[0].ljust(widths[0]), r[1].rjust(widths[1]), r[2].rjust(widths[2]), r[3]]).rstrip()
             for r in rows]
    rule = "-" * max(len(line) for line in lines)
    return "\n".join([lines[0], rule, *lines[1:-1], rule, lines[-1]])
