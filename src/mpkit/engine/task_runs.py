"""The runs a task's checks look at, started early and shared by the checks.

Each grader module declares its runs (`RUNS = {"call": RunSpec(...), ...}`).
All runs of all collected tasks start in the background as soon as pytest
has collected the graders (engine/scheduler.py); one run serves every check
that reads it. A check asks for a run through `TaskRuns`, which turns a run
that could not be judged (missing file, syntax error, hang, crash, missing
function) into a failed check that says why.
"""
from __future__ import annotations

import functools

from ..checks.api import CheckFailed
from ..checks.trouble import error_hint, error_text, meanwhile, megabytes, output_excerpt, seconds, signal_name
from ..kit.manifest import Task
from ..sandbox import crosscheck
from ..sandbox.record import RunRecord
from ..sandbox.spec import RunSpec
from .grader_source import hidden_only_runs
from .scheduler import Scheduler


class TaskRuns:
    """The runs of one task, as its checks see them."""

    def __init__(self, task: Task, specs: dict, scheduler: Scheduler):
        self.task, self.specs, self.scheduler = task, specs, scheduler

    def records(self) -> dict:
        """The runs that have finished so far (name -> RunRecord or None)."""
        done = {}
        for name, spec in self.specs.items():
            future = self.scheduler.submit(self.task, name, spec)
            if future.done():
                done[name] = future.result()
        return done

    def spec(self, name: str) -> RunSpec:
        return self.scheduler.resolve(self.specs[name])

    @functools.cached_property
    def hidden_runs(self) -> set:
        """Runs that only hidden checks read: their inputs are hidden too."""
        hidden = {c.id for c in self.task.checks if c.hidden}
        if not hidden:
            return set()
        return hidden_only_runs(self.task.grader.read_text(encoding="utf-8"), hidden, str(self.task.grader))

    def describe(self, name: str) -> str:
        """What a run does, for a message any check may show: a hidden run's
        inputs are not given away by a public check."""
        return "running one of the hidden tests" if name in self.hidden_runs else self.spec(name).describe()

    def judged(self):
        """(name, record) of each run that really ran; the others fail the
        checks that ask for them by name, not the checks that look at all."""
        for name in self.specs:
            try:
                yield name, self.get(name)
            except CheckFailed:
                continue

    def get(self, name: str) -> RunRecord:
        """The record of a run that really ran (else the check fails)."""
        record = self.scheduler.submit(self.task, name, self.specs[name]).result()
        if record is None:
            raise CheckFailed(
                expected=f"a file named {self.task.file} in your submission",
                observed=f"there is no {self.task.file} in {self.scheduler.submission}",
                hint="Keep the file name from the exercise; the grader looks for it by name.",
            )
        doing = self.spec(name).describe()
        limits = self.scheduler.limits(self.task)
        if record.limit_hit == "processes":
            raise CheckFailed(
                expected=f"a few processes when {doing}",
                observed=f"your code tried to start more than {limits.processes} processes, so the grader "
                "stopped it (a fork bomb?)",
                hint="Start only the processes the task asks for: a start() or fork() in a loop that never "
                "ends, or in every child, starts processes without end.",
            )
        if record.limit_hit == "output":
            raise CheckFailed(
                expected=f"a few lines of output when {doing}",
                observed=f"your code printed more than {megabytes(limits.file_size)}, so the grader stopped it "
                f"(output cut; it began with {output_excerpt(record)!r})",
                hint="Print only what the task asks for: a print() in a loop that never ends fills the disk.",
            )
        if record.tampered:  # seen from outside the run: sandbox/crosscheck.py
            raise CheckFailed(**crosscheck.failure(record.tampered))
        if record.damaged:
            raise CheckFailed(
                expected="the kit's record of your run to be intact",
                observed=f"{len(record.damaged)} lines of the record were written or changed by something else, "
                "so the run cannot be judged",
                hint="Do not write into, or delete, files your program did not create.",
            )
        if record.main is None:
            raise CheckFailed(
                expected="the kit's record of your run",
                observed="the record of the run is missing (deleted, or never written)",
                hint="Do not delete files your program did not create.",
            )
        return record

    def started(self, name: str) -> RunRecord:
        """A run whose file imported (call mode) or started (program mode)."""
        record = self.get(name)
        spec = self.spec(name)
        if record.timed_out and not record.first("import_end") and spec.mode == "call":
            raise CheckFailed(
                expected=f"importing {self.task.file} to finish quickly",
                observed=f"importing the file did not finish within {seconds(record.time_limit)} and was stopped",
                hint="Code at the top level of the file runs on import; put it inside a function "
                "or under `if __name__ == \"__main__\":`.",
            )
        error = record.first("import_error")
        if error:
            raise CheckFailed(
                expected=f"{self.task.file} to import without errors",
                observed=f"importing it failed: {error_text(error['error'], self.task.file)}",
                hint=error_hint(error["error"], self.task.file),
            )
        if spec.mode == "call" and not record.first("import_end"):
            raise self._vanished(record, f"importing {self.task.file}")
        return record

    def returned(self, name: str) -> RunRecord:
        """A call-mode run whose function returned normally."""
        record = self.started(name)
        spec = self.spec(name)
        fname = spec.function
        if record.first("call_missing"):
            raise CheckFailed(
                expected=f"a function named {fname} in {self.task.file}",
                observed=f"{self.task.file} has no function {fname}",
                hint="Keep the function names and parameters from the stub.",
            )
        error = record.first("call_error")
        if error:
            info = error["error"]
            if info["type"] == "NotImplementedError":
                raise CheckFailed(
                    expected=f"{fname}() to do the task",
                    observed=f"{fname}() raised NotImplementedError: it is still the stub",
                    hint="Replace the `raise NotImplementedError` line with your code (see the TODO).",
                )
            raise CheckFailed(
                expected=f"{fname}() to return normally when {spec.describe()}",
                observed=f"it raised {error_text(info, self.task.file)}",
                hint=error_hint(info, self.task.file),
            )
        if record.timed_out and not record.first("call_end"):
            raise CheckFailed(
                expected=f"{fname}() to finish within {seconds(record.time_limit)}",
                observed=f"it was still running after {seconds(record.time_limit)} and was stopped"
                + meanwhile(record),
                hint="A child process failed, so what waited for it (a get() on its Queue, a join) waited "
                "forever: fix the child's error first." if record.failed_children() else
                "A join() waits for the process to end: make sure every process you start can finish "
                "(for example, a get() on a Queue that nobody fills waits forever).",
            )
        if not record.first("call_end"):
            raise self._vanished(record, f"calling {fname}()")
        return record

    def finished(self, name: str) -> RunRecord:
        """A program-mode run that ran to its end."""
        record = self.started(name)
        error = record.first("main_error")
        if error:
            raise CheckFailed(
                expected=f"`python {self.task.file}` to run without errors",
                observed=f"it raised {error_text(error['error'], self.task.file)}",
                hint=error_hint(error["error"], self.task.file),
            )
        if record.timed_out:
            raise CheckFailed(
                expected=f"`python {self.task.file}` to finish within {seconds(record.time_limit)}",
                observed=f"it was still running after {seconds(record.time_limit)} and was stopped"
                + meanwhile(record),
                hint="A program waits for all its non-daemon processes at exit: make sure each one ends.",
            )
        if not record.first("main_end"):
            raise self._vanished(record, f"running `python {self.task.file}`")
        return record

    def _vanished(self, record: RunRecord, doing: str) -> CheckFailed:
        main = record.main
        err = (main.err.text if main else "") or record.stderr_raw.text
        tail = err.strip().splitlines()[-1:] if err.strip() else []
        said = f" Its last error line: {tail[0][:200]}" if tail else ""
        code = record.exit_code
        if code is not None and code < 0:
            observed = (f"the process running your code was killed by signal {signal_name(-code)} while {doing} "
                        "(did your code kill its parent process?)")
            hint = "Do not kill processes your code did not start, and never the parent process."
        else:
            observed = (f"your code ended the Python process (exit code {code}) while {doing}, so it never "
                        f"returned to the grader.{said}")
            hint = ("Do not end the program with os._exit() or sys.exit() inside the task's functions or at "
                    "the top level of the file: return from the function instead.")
        return CheckFailed(expected=f"{doing} to finish normally", observed=observed, hint=hint)
