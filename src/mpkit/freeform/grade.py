"""Grade one student's free-form answers: find them, run each program, judge it.

Each code question's program is written to a staging folder under the task's
file name and run there as a program (`python q6_four_processes.py`), in the
same sandbox, with the same recorder, as the stub edition. Its checks are
the functions of the task's free-form grader (graders/free_form/) marked
`@check("id")`, called here with the task's runs; they are pytest-style
checks, but a grading runs a handful of them, so they are called directly
(no pytest session to start: that is half of the time of a notebook).
"""
from __future__ import annotations

import importlib.util
import inspect
import tempfile
import time
import traceback
from pathlib import Path

from ..checks.api import CheckFailed
from ..engine.scheduler import Scheduler
from ..engine.task_runs import TaskRuns
from ..kit.manifest import free_form_edition, load_manifest
from ..report.results import ERROR, FAILED, PASSED, CheckResult, Report, TaskSummary
from ..sandbox import crosscheck, kernel
from .answers import Answers, read_answers


FREE_FORM_TIME_LIMIT = 30.0  # seconds of wall clock for each free-form program's run, at least (README)


def _grader_module(path: Path):
    spec = importlib.util.spec_from_file_location(f"mpkit_free_form_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def checks_of(module) -> dict:
    """{check id: function} of a grader module: the functions marked @check."""
    found = {}
    for value in vars(module).values():
        for mark in getattr(value, "pytestmark", []):
            if mark.name == "mpkit_check":
                found[mark.args[0]] = value
    return found


def _call(func, fixtures: dict) -> None:
    func(**{name: fixtures[name] for name in inspect.signature(func).parameters})


def _result(task, check, status=PASSED, exc: CheckFailed | None = None, details="") -> CheckResult:
    result = CheckResult(task.id, check.id, check.description, check.points, check.visibility, status=status,
                         details=details, advice=check.advice)
    if exc is not None:
        result.expected, result.observed, result.hint = exc.expected, exc.observed, exc.hint
    return result


def _missing(task, answers: Answers) -> CheckFailed:
    number = task.id.lstrip("q")
    answer = answers.answers.get(task.id)
    if answer is not None:  # its part was found, with no code in it
        return CheckFailed(
            expected=f"a program answering {task.id.upper()} in its part of the {answers.kind}",
            observed=f"the question was not answered with a program: {task.id.upper()} was found ({answer.found_by}) "
            "but no Python code came after it"
            + (" (only words in a string given a name, such as Ans = \"...\": an answer in words does not run)"
               if any("words in a string" in why for why in answer.left_out)
               else " (only prose or pasted output)" if answer.prose else ""),
            hint="Put your program in a code cell below the question, and run it once to see that it works.")
    if answers.kind == "folder":
        return CheckFailed(expected=f"an answer to {task.id.upper()}: {task.free_form.asks}",
                           observed=f"the question was not answered: no file {task.id}.py or {task.file} in "
                           f"{answers.source}",
                           hint=f"Add your program for {task.id.upper()} to the folder as {task.id}.py.")
    where = (f"no part of {answers.source.name} names {task.id.upper()} (looked for 'Q{number}.', "
             f"'Question {number}', 'Ans {number}' or the question's text)")
    return CheckFailed(expected=f"an answer to {task.id.upper()}: {task.free_form.asks}",
                       observed=f"the question was not answered: {where}",
                       hint=f"Answer every question; put 'Q{number}.' in a markdown cell before your answer's code.")


def say_once(results: list) -> list:
    """A question's checks that failed for one same reason (not answered; a program that
    did not run) say it in full once, the others in short: the same paragraph nine
    times over hides the one line a student must read."""
    first = {}
    for result in results:
        if result.status != FAILED:
            continue
        said = (result.observed, result.hint)
        if said not in first:
            first[said] = result
            continue
        original = first[said]
        result.expected = result.description
        gist = original.observed.split(": ")[0]
        gist = gist if len(gist) <= 70 else gist[:70].rsplit(" ", 1)[0] + "…"
        result.observed = f"{gist} (said under “{original.description}”)"
        result.hint = ""
    return results


def grade_free_form(kit: Path, path: Path, answers: Answers | None = None,
                    require_kernel_sandbox: bool = False, public_only: bool = False,
                    start_method: str | None = None) -> Report:
    """Grade the notebook, exported script or folder at `path` (MpkitError on bad input).
    With `require_kernel_sandbox` (or the manifest's sandbox.require_kernel), refuse
    where the kernel layer of the sandbox is missing, as the stub edition does.
    With `public_only`, checks marked `visibility: hidden` are left out (not
    judged, not counted), as `mpkit grade --public-only` does for the stubs.
    `start_method` runs the programs under another default start method than
    the platform's (tests: a verdict must not depend on it where the program
    does not)."""
    started = time.monotonic()
    manifest = load_manifest(Path(kit) / "config" / "manifest.yaml")
    if require_kernel_sandbox or manifest.require_kernel_sandbox:
        from ..grade import refuse_without_kernel_sandbox

        refuse_without_kernel_sandbox()
    edition = free_form_edition(manifest)
    # A notebook's answers sleep (a child printing 0..9 a second apart): each run gets at least
    # FREE_FORM_TIME_LIMIT, or the manifest's time_limit when larger. A grading's runs go at once,
    # so a notebook takes about one limit at most.
    from dataclasses import replace as _replace

    edition = _replace(edition, tasks=tuple(_replace(t, time_limit=max(t.time_limit, FREE_FORM_TIME_LIMIT))
                                            for t in edition.tasks))
    if public_only:
        from dataclasses import replace

        edition = replace(edition, tasks=tuple(replace(t, checks=tuple(c for c in t.checks if not c.hidden))
                                               for t in edition.tasks))
    answers = answers or read_answers(Path(path), manifest)
    with tempfile.TemporaryDirectory(prefix="mpkit-free-form-") as staging:
        staging = Path(staging)
        graded = [t for t in edition.tasks if (answers.answers.get(t.id) or _NO).program is not None]
        for task in graded:
            (staging / task.file).write_text(answers.answers[task.id].program, encoding="utf-8")
        scheduler = Scheduler(staging, manifest=manifest)
        try:
            runs = {}
            for task in graded:
                module = _grader_module(task.grader)
                specs = getattr(module, "RUNS", {})
                if start_method:
                    from dataclasses import replace

                    specs = {name: replace(spec, start_method=start_method) for name, spec in specs.items()}
                runs[task.id] = (module, TaskRuns(task, specs, scheduler))
            scheduler.start([r for _, r in runs.values()])
            summaries, timelines = [], {}
            for task in edition.tasks:
                summary = TaskSummary(task.id, task.title)
                if task.id not in runs:
                    reason = _missing(task, answers)
                    summary.checks = say_once([_result(task, c, FAILED, reason) for c in task.checks])
                else:
                    module, task_runs = runs[task.id]
                    summary.checks = _judge(task, module, task_runs, answers.answers[task.id].program)
                    why = _forged(task_runs)
                    if why:  # the kernel contradicts a run's record: the whole task scores zero
                        forged = CheckFailed(**crosscheck.failure(why))
                        summary.checks = [_result(task, c, FAILED, forged) for c in task.checks]
                    summary.checks = say_once(summary.checks)
                    timelines[task.id] = _timelines(task_runs)
                summaries.append(summary)
            sandbox = kernel.summary(scheduler.sandbox_reports())
        finally:
            scheduler.close()
    report = Report(title=f"{manifest.title} (free-form)", submission=str(path), tasks=summaries,
                    execution_time=time.monotonic() - started, timelines=timelines,
                    sandbox=sandbox)
    report.free_form = free_form_summary(manifest, answers)
    return report


def _forged(task_runs: TaskRuns) -> str | None:
    """Why the kernel contradicts one of the task's runs (sandbox/crosscheck.py), or None."""
    for name, spec in task_runs.specs.items():
        record = task_runs.scheduler.submit(task_runs.task, name, spec).result()
        if record is not None and record.tampered:
            return record.tampered
    return None


class _NoAnswer:
    program = None


_NO = _NoAnswer()


def _judge(task, module, task_runs: TaskRuns, program: str) -> list:
    functions = checks_of(module)
    fixtures = {"runs": task_runs, "program": program, "task": task}
    results = []
    for check in task.checks:
        func = functions.get(check.id)
        if func is None:
            results.append(_result(task, check, ERROR, details=f"{task.grader}: no function marked "
                                   f"@check({check.id!r}) (a bug in the kit)"))
            continue
        try:
            _call(func, fixtures)
            results.append(_result(task, check))
        except CheckFailed as exc:
            results.append(_result(task, check, FAILED, exc))
        except Exception:
            results.append(_result(task, check, ERROR, details=traceback.format_exc()))
    return results


def _timelines(task_runs: TaskRuns) -> list:
    from ..report.timeline import run_timeline

    found = []
    for name in task_runs.specs:
        record = task_runs.scheduler.submit(task_runs.task, name, task_runs.specs[name]).result()
        if record is not None:
            found.append(run_timeline(name, task_runs.spec(name).describe(), record))
    return found


def free_form_summary(manifest, answers: Answers) -> dict:
    """What the report says about where the answers came from (JSON-able):
    per question, the cells taken; and the prose answers, for the instructor."""
    questions = {}
    for task in manifest.tasks:
        if not task.free_form:
            continue
        answer = answers.answers.get(task.id)
        entry = {"answer": task.free_form.answer, "asks": task.free_form.asks}
        entry.update(answer.summary() if answer else {"missing": True})
        questions[task.id] = entry
    return {"source": str(answers.source), "kind": answers.kind, "questions": questions}
