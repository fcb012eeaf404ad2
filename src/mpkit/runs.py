"""The runs a task's checks look at, started early and shared by the checks.

Each grader module declares its runs (`RUNS = {"call": RunSpec(...), ...}`).
All runs of all collected tasks start in the background as soon as pytest
has collected the graders; one run serves every check that reads it. A check
asks for a run through `TaskRuns`, which turns a run that could not be judged
(missing file, syntax error, hang, crash, missing function) into a failed
check that says why.
"""
from __future__ import annotations

import functools
import os
import re
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from .checks import CheckFailed
from .manifest import Task
from .sandbox.crosscheck import TAMPERED
from .sandbox.record import RunRecord
from .sandbox.runner import Limits, RunSpec, available_start_methods, prepare, run


def run_workers() -> int:
    """Runs at once: MPKIT_RUN_WORKERS if set (the Gradescope autograder sets it, since
    its half CPU would let many runs at once overrun their time limits), else enough
    to keep every CPU busy."""
    value = os.environ.get("MPKIT_RUN_WORKERS", "")
    return int(value) if value.isdigit() and int(value) > 0 else max(4, 2 * (os.cpu_count() or 1))


def primary_start_method() -> str:
    """fork where the platform has it (Linux, macOS), else spawn (Windows).

    Every task also has runs under an explicit "spawn", so code that only works
    under fork loses those checks on every platform alike.
    """
    return "fork" if "fork" in available_start_methods() else "spawn"


class Scheduler:
    """Starts runs in the background, at most one per (task, run name)."""

    def __init__(self, submission: Path, workers: int | None = None, manifest=None):
        self.submission = Path(submission)
        self.primary = primary_start_method()
        self.hidden, self.readonly = _protected_folders(manifest, self.submission)
        from .handed_in import Snapshot

        self.handed_in = Snapshot.take(self.submission)  # before any run: see handed_in.py
        self._tampered: dict | None = None
        self._pool = ThreadPoolExecutor(max_workers=workers or run_workers())
        # Slow runs (mostly asleep on purpose) start at once, beside the others:
        # queued behind them, they would be the last to end.
        self._slow_pool = ThreadPoolExecutor(max_workers=2)
        prepare()  # the launcher starts while the graders are collected
        self._futures: dict[tuple[str, str], Future] = {}

    def limits(self, task: Task) -> Limits:
        return Limits(time_limit=task.time_limit, hidden=self.hidden, readonly=self.readonly)

    def task_file(self, task: Task) -> Path:
        return self.submission / task.file

    def resolve(self, spec: RunSpec) -> RunSpec:
        if spec.start_method is None:
            from dataclasses import replace

            return replace(spec, start_method=self.primary)
        return spec

    def submit(self, task: Task, name: str, spec: RunSpec) -> Future:
        key = (task.id, name)
        if key not in self._futures:
            path = self.task_file(task)
            if path.is_file():
                pool = self._slow_pool if spec.slow else self._pool
                self._futures[key] = pool.submit(run, self.resolve(spec), path, self.limits(task))
            else:
                missing: Future = Future()
                missing.set_result(None)
                self._futures[key] = missing
        return self._futures[key]

    def start(self, task_runs) -> None:
        """Start the runs of these tasks."""
        for runs in task_runs:
            for name, spec in runs.specs.items():
                self.submit(runs.task, name, spec)

    def tampered(self, task_files: dict) -> dict:
        """{task id: file} of tasks graded on a file some run changed (once the
        runs are done); the folder is put back as it was handed in."""
        if self._tampered is None:
            from concurrent.futures import wait

            from .handed_in import tampered_tasks

            wait(list(self._futures.values()))
            changed = self.handed_in.changes()
            self.handed_in.restore(changed)
            self._tampered = tampered_tasks(changed, task_files)
        return self._tampered

    def forged(self) -> dict:
        """{task id: why} of tasks one of whose runs has a record the kernel
        contradicts (sandbox/crosscheck.py): such a task scores zero, quiz
        and all (call after tampered(), which waits for the runs)."""
        found = {}
        for (task_id, _), future in self._futures.items():
            record = future.result() if future.done() and future.exception() is None else None
            if record is not None and record.tampered:
                found.setdefault(task_id, record.tampered)
        return found

    def sandbox_reports(self) -> list:
        """What each run that ran applied of the kernel layer (None: it said nothing)."""
        reports = []
        for future in self._futures.values():
            if future.done() and future.exception() is None and future.result() is not None:
                reports.append(future.result().sandbox)
        return reports

    def close(self) -> None:
        for pool in (self._slow_pool, self._pool):
            pool.shutdown(wait=True, cancel_futures=True)


def _protected_folders(manifest, submission: Path) -> tuple[tuple, tuple]:
    """Folders the student's code may not read (the kit's graders, solutions
    and answer key) and may not change (the kit, the submission)."""
    if manifest is None:
        return (), (str(submission),)
    submission = submission.resolve()
    hidden = {manifest.path.parent.resolve()}
    for task in manifest.tasks:
        hidden.add(task.grader.parent.resolve())
        if task.solution is not None:
            hidden.add(task.solution.parent.resolve())
    # Grading the solutions themselves (the kit's own tests) must stay possible.
    hidden = {h for h in hidden if h != submission and h not in submission.parents}
    return tuple(sorted(map(str, hidden))), (str(manifest.root.resolve()), str(submission))


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
        from .public_graders import hidden_only_runs

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
                observed=f"your code printed more than {_size(limits.file_size)}, so the grader stopped it "
                f"(output cut; it began with {_excerpt(record)!r})",
                hint="Print only what the task asks for: a print() in a loop that never ends fills the disk.",
            )
        if record.tampered:  # seen from outside the run: sandbox/crosscheck.py
            raise CheckFailed(
                expected="the kit's record of your run to agree with what the operating system saw",
                observed=TAMPERED,
                hint="Do not write into the kit's record, or change how it is written.",
            )
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
                observed=f"importing the file did not finish within {_secs(record.time_limit)} and was stopped",
                hint="Code at the top level of the file runs on import; put it inside a function "
                "or under `if __name__ == \"__main__\":`.",
            )
        error = record.first("import_error")
        if error:
            raise CheckFailed(
                expected=f"{self.task.file} to import without errors",
                observed=f"importing it failed: {_error_text(error['error'], self.task.file)}",
                hint=_error_hint(error["error"], self.task.file),
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
                observed=f"it raised {_error_text(info, self.task.file)}",
                hint=_error_hint(info, self.task.file),
            )
        if record.timed_out and not record.first("call_end"):
            raise CheckFailed(
                expected=f"{fname}() to finish within {_secs(record.time_limit)}",
                observed=f"it was still running after {_secs(record.time_limit)} and was stopped"
                + _meanwhile(record),
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
                observed=f"it raised {_error_text(error['error'], self.task.file)}",
                hint=_error_hint(error["error"], self.task.file),
            )
        if record.timed_out:
            raise CheckFailed(
                expected=f"`python {self.task.file}` to finish within {_secs(record.time_limit)}",
                observed=f"it was still running after {_secs(record.time_limit)} and was stopped"
                + _meanwhile(record),
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
            observed = (f"the process running your code was killed by signal {_signal_name(-code)} while {doing} "
                        "(did your code kill its parent process?)")
            hint = "Do not kill processes your code did not start, and never the parent process."
        else:
            observed = (f"your code ended the Python process (exit code {code}) while {doing}, so it never "
                        f"returned to the grader.{said}")
            hint = ("Do not end the program with os._exit() or sys.exit() inside the task's functions or at "
                    "the top level of the file: return from the function instead.")
        return CheckFailed(expected=f"{doing} to finish normally", observed=observed, hint=hint)


def _signal_name(number: int) -> str:
    import signal

    try:
        return f"{number} ({signal.Signals(number).name})"
    except ValueError:
        return str(number)


def _size(nbytes: int) -> str:
    return f"{nbytes / 1024**2:g} MB"


def _excerpt(record: RunRecord, keep: int = 60) -> str:
    """The start of the biggest output of the run."""
    outputs = [o for p in record.procs.values() for o in (p.out, p.err)]
    biggest = max(outputs, key=lambda o: o.size, default=None)
    text = biggest.text if biggest else ""
    return text[:keep] + ("..." if len(text) > keep else "")


def child_trouble(record: RunRecord) -> str:
    """'process 12 (f) exited with code 1: MemoryError' for each child that
    failed, with the error it wrote ('' when none did)."""
    notes = []
    for p in record.failed_children():
        error = last_error(p.err.text)
        notes.append(f"{p.label()} exited with code {p.end_code}" + (f": {error}" if error else ""))
    return "; ".join(notes)


def _meanwhile(record: RunRecord) -> str:
    trouble = child_trouble(record)
    return f"; meanwhile {trouble}" if trouble else ""


_ERROR_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Warning)\b:?")


def last_error(stderr: str, limit: int = 300) -> str:
    """The last exception a traceback shows ("RuntimeError: ..."), with the
    lines of its message, in one line; else the last line written."""
    lines = stderr.strip().splitlines()
    for i in range(len(lines) - 1, -1, -1):
        if _ERROR_LINE.match(lines[i]):
            return " ".join(" ".join(line.split()) for line in lines[i:] if line.strip())[:limit]
    return lines[-1].strip()[:limit] if lines else ""


def _secs(value: float) -> str:
    return f"{value:g} s"


def _error_text(info: dict, file: str) -> str:
    where = f" (line {info['line']} of {file})" if info.get("line") else ""
    message = info.get("message") or ""
    return f"{info['type']}: {message}{where}" if message else f"{info['type']}{where}"


def _error_hint(info: dict, file: str) -> str:
    kind, message = info.get("type", ""), info.get("message") or ""
    if kind in ("SyntaxError", "IndentationError", "TabError"):
        return f"Fix the syntax; `python {file}` shows the line with the mistake."
    if "bootstrapping phase" in message:
        return 'Start processes only under `if __name__ == "__main__":` or inside functions.'
    if re.search(r"pickle|Can't get attribute|lambda", message):
        return ("Under the spawn start method the target is pickled: use a function defined at the top "
                "level of the module, not a lambda or a nested function.")
    if kind == "MemoryError":
        return (f"Each process may use at most {Limits().address_space / 1024**3:g} GB of memory here: "
                "build smaller data, or process it piece by piece.")
    if "Too many open files" in message:
        return (f"Each process may have at most {Limits().open_files} files open here: close every file "
                "you open (use `with open(...) as f:`).")
    if kind == "SystemExit":
        return "Do not call sys.exit() in the task's file: return from the function instead."
    return f"Read the traceback by running your code: `python {file}`."
