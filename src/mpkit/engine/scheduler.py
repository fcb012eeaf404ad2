"""Starting the runs of a grading, in the background, each once.

All runs of all collected tasks start as soon as pytest has collected the
graders, at most `run_workers()` at a time (slow probes beside them); one
run serves every check that reads it. The scheduler also keeps the folder
as it was handed in (`kit/handed_in.py`) and the folders a run may not read
or change (`Limits.hidden`, `Limits.readonly`).
"""
from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ..kit.manifest import Task
from ..sandbox.runner import available_start_methods, prepare, run
from ..sandbox.spec import Limits, RunSpec


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
        from ..kit.handed_in import Snapshot

        self.handed_in = Snapshot.take(self.submission)  # before any run: see kit/handed_in.py
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

            from ..kit.handed_in import tampered_tasks

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
