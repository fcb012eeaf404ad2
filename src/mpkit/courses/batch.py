"""Grade a class: every subfolder of a folder is one student's submission.

Each submission is graded by `mpkit grade` in a child process of its own, so
nothing one student's code does (or one grading that goes wrong) can stop
the others; at most `jobs` children run at once. Each student's results go
to RESULTS_DIR/<student>/results.json, next to a fingerprint of what was
graded (the submission's files, the kit's manifest and graders, mpkit's
version, the options). A later run skips a student whose fingerprint is unchanged and
says why it grades the others. The gradebook and the summary are then read
back from the results files one at a time, never held all at once.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MpkitError
from ..kit.manifest import Manifest, load_manifest
from ..kit.submission_files import locate, stage
from ..report.gradebook import RESULTS, ClassSummary, summary_table, task_scores, write_gradebook
from ..report.results import ERROR, CheckResult, Report, TaskSummary, gradescope
from .batch_fingerprints import kit_fingerprint, submission_fingerprint, why_grade

FINGERPRINT = "fingerprint.json"
LOG = "grading.log"
_SKIPPED = {"__MACOSX", "__pycache__"}


@dataclass(frozen=True)
class BatchOptions:
    kit: Path
    submissions: Path
    out: Path
    jobs: int | None = None  # None: the number of CPUs
    public_only: bool = False
    force: bool = False  # grade every submission, changed or not
    html: str | None = None  # file name of each student's HTML report, in RESULTS_DIR/<student>/
    deadline: float | None = None  # seconds for one submission (None: from the time limits)
    require_kernel_sandbox: bool = False  # each grading refuses where Landlock is missing
    free_form: bool = False  # each student hands in a notebook (or a folder of answers): `grade --free-form`


@dataclass
class Outcome:
    """How one student's grading went (small: the report itself stays on disk)."""

    student: str
    graded: bool  # False: unchanged since the last run, skipped
    why: str = ""  # why it was graded
    score: float = 0.0
    problem: str = ""  # why it could not be (fully) graded: a kit or machine problem, not the student's
    partly: bool = False  # graded, but some checks hit a bug in the grader
    seconds: float = 0.0
    notes: tuple = ()  # where task files were found, when not at the top

    def line(self, max_score: float) -> str:
        if not self.graded:
            return f"{self.student}: unchanged, kept {self.score:g} / {max_score:g}"
        said = f"{self.student}: {self.score:g} / {max_score:g} ({self.why}; {self.seconds:.1f} s)"
        if self.problem:
            said += f" - {'PARTLY' if self.partly else 'NOT'} GRADED: {self.problem}"
        return said


@dataclass
class BatchResult:
    summary: ClassSummary
    graded: int
    unchanged: int
    failed: list  # students whose grading could not finish
    orphans: list = field(default_factory=list)  # result folders whose submission is gone

    def report(self) -> str:
        n = self.summary.students
        lines = [summary_table(self.summary), "",
                 f"{n} submissions: {self.graded} graded now, {self.unchanged} unchanged since the last run"]
        if self.failed:
            lines.append(f"{len(self.failed)} could not be graded (see their {LOG}): {', '.join(sorted(self.failed))}")
        if self.orphans:
            lines.append(f"not in grades.csv, no submission any more (results kept): {', '.join(self.orphans)}")
        return "\n".join(lines)


def find_students(submissions: Path, free_form: bool = False) -> list:
    """The student ids: the names of the submission folders, sorted (free-form:
    also of the notebooks and scripts, without their extension)."""
    if not submissions.is_dir():
        raise MpkitError(f"{submissions}: no such folder of submissions")
    students = sorted(
        p.name if p.is_dir() else p.stem for p in submissions.iterdir()
        if not p.name.startswith(".") and p.name not in _SKIPPED
        and (p.is_dir() or free_form and p.is_file() and p.suffix.lower() in (".ipynb", ".py"))
    )
    if not students:
        raise MpkitError(f"{submissions}: no submission folders in it (one subfolder per student)")
    return students


def default_deadline(manifest: Manifest) -> float:
    """Wall clock for one child: generous, since every run already has its own limit.

    A task has a few runs (under fork, under spawn, as a program), run four at
    a time; even if all of them hang this is ample.
    """
    return 60 + 4 * sum(t.time_limit for t in manifest.tasks)


class BatchGrader:
    def __init__(self, options: BatchOptions, progress):
        self.options = options
        self.progress = progress
        self.kit = Path(options.kit).resolve()
        self.manifest = load_manifest(self.kit / "config" / "manifest.yaml")
        if options.free_form:  # the gradebook, and the results of a failed grading, have its checks
            from ..kit.manifest import free_form_edition

            self.manifest = free_form_edition(self.manifest)
        self.kit_hash = kit_fingerprint(self.manifest)
        self.deadline = options.deadline or default_deadline(self.manifest)
        self.children: set = set()
        self.stopping = False  # set when the batch is interrupted: start no more children
        self.lock = threading.Lock()  # orders starting a child against stopping them all

    # -- one student ---------------------------------------------------------

    def grade_one(self, student: str) -> Outcome:
        folder = self._entry(student)
        target = self.options.out / student
        current = {
            "submission": submission_fingerprint(folder),
            "kit": self.kit_hash,
            "options": {"public_only": self.options.public_only, "html": self.options.html,
                        **({"free_form": True} if self.options.free_form else {})},
        }
        stored = _read_json(target / FINGERPRINT)
        why = "forced" if self.options.force else why_grade(stored, current, (target / RESULTS).is_file())
        if why is None:
            results = _read_json(target / RESULTS) or {}
            return Outcome(student, graded=False, score=sum(task_scores(results).values()))
        started = time.monotonic()
        target.mkdir(parents=True, exist_ok=True)
        (target / FINGERPRINT).unlink(missing_ok=True)  # until the new results are complete
        located = None if self.options.free_form else locate(folder, self.manifest)
        with tempfile.TemporaryDirectory(prefix="mpkit-batch-") as scratch:
            graded_folder = folder if located is None or located.flat else stage(located, Path(scratch) / student)
            problem, wrote = self._run_child(graded_folder, target)
        if not wrote:
            _write_json(target / RESULTS, gradescope(self._not_graded(student, problem)))
        results = _read_json(target / RESULTS) or {}
        _write_json(target / FINGERPRINT, {**current, "complete": not problem})
        return Outcome(
            student, graded=True, why=why, score=sum(task_scores(results).values()), problem=problem,
            partly=bool(problem) and wrote,
            seconds=time.monotonic() - started, notes=tuple(located.describe(missing=False)) if located else (),
        )

    def _entry(self, student: str) -> Path:
        """A student's folder, or (free-form) notebook or script."""
        folder = self.options.submissions / student
        if self.options.free_form and not folder.is_dir():
            for suffix in (".ipynb", ".py", ".IPYNB"):
                if folder.with_name(student + suffix).is_file():
                    return folder.with_name(student + suffix)
        return folder

    def _run_child(self, folder: Path, target: Path) -> tuple:
        """Grade `folder` with `mpkit grade` in a child.

        Returns (why it could not be fully graded or '', whether it wrote results.json).
        """
        partial = target / (RESULTS + ".partial")
        partial.unlink(missing_ok=True)
        command = [sys.executable, "-m", "mpkit.cli", "--kit", str(self.kit), "grade", str(folder),
                   "--out", str(partial)]
        if self.options.public_only:
            command.append("--public-only")
        if self.options.require_kernel_sandbox:
            command.append("--require-kernel-sandbox")
        if self.options.free_form:
            command.append("--free-form")
        if self.options.html:
            command += ["--html", str(target / self.options.html)]
        log_path = target / LOG
        # The grading's temporary files (its runs' folders, multiprocessing's)
        # go to a folder of its own, removed even when the grading is killed.
        scratch = tempfile.mkdtemp(prefix="mpkit-grade-")
        try:
            code = self._grade_in_child(command, log_path, scratch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        if code == "interrupted":
            return "the batch was interrupted", False
        said = log_path.read_text(encoding="utf-8", errors="replace").strip()
        if not said:
            log_path.unlink()
        if code is None:
            return f"grading did not finish within {self.deadline:g} s and was stopped", False
        if code in (0, 3) and partial.is_file():
            partial.replace(target / RESULTS)
            # 3: graded, but some checks hit a bug in the grader; they say so in results.json.
            return ("" if code == 0 else "the grader failed on some checks (a bug in the kit)"), True
        last = said.splitlines()[-1] if said else "no output"
        return f"`mpkit grade` ended with exit code {code}: {last}", False

    def _grade_in_child(self, command: list, log_path: Path, scratch: str):
        """Run `mpkit grade` with its temporary files in `scratch`; its exit
        code, None when it overran the deadline, or "interrupted"."""
        env = dict(os.environ, TMPDIR=scratch, TEMP=scratch, TMP=scratch)
        with open(log_path, "wb") as log:
            with self.lock:
                if self.stopping:
                    return "interrupted"
                child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env,
                                         start_new_session=(os.name == "posix"))
                self.children.add(child)
            try:
                return child.wait(timeout=self.deadline)
            except subprocess.TimeoutExpired:
                stop_child(child)
                return None
            finally:
                self.children.discard(child)

    def _not_graded(self, student: str, problem: str) -> Report:
        """A results.json for a grading that could not finish: every check 0, saying why."""
        report = Report(title=self.manifest.title, submission=student)
        for task in self.manifest.tasks:
            summary = TaskSummary(task.id, task.title)
            for c in task.checks:
                if self.options.public_only and c.hidden:
                    continue
                summary.checks.append(CheckResult(
                    task.id, c.id, c.description, c.points, c.visibility, status=ERROR,
                    details=f"This submission could not be graded: {problem}.",
                ))
            report.tasks.append(summary)
        return report

    # -- the class -----------------------------------------------------------

    def run(self) -> BatchResult:
        students = find_students(self.options.submissions, self.options.free_form)
        jobs = self.options.jobs or os.cpu_count() or 1
        graded = unchanged = 0
        failed: list = []
        self.progress.start(len(students), f"grading {self.options.submissions}, {jobs} at a time")
        pending: set = set()
        queue = iter(students)
        pool = ThreadPoolExecutor(max_workers=jobs)
        try:
            # Only a few submissions in flight at once: memory does not grow with the class.
            while True:
                while len(pending) < 2 * jobs:
                    student = next(queue, None)
                    if student is None:
                        break
                    pending.add(pool.submit(self.grade_one, student))
                if not pending:
                    break
                done, pending = wait(pending, timeout=1.0, return_when=FIRST_COMPLETED)
                if not done:
                    self.progress.refresh()
                for future in done:
                    outcome = future.result()
                    graded += outcome.graded
                    unchanged += not outcome.graded
                    if outcome.problem:
                        failed.append(outcome.student)
                        self.progress.note(outcome.line(self.manifest.points))
                    for note in outcome.notes:
                        self.progress.note(f"{outcome.student}: {note}")
                    self.progress.advance(outcome.line(self.manifest.points) if outcome.graded else None)
        except BaseException:  # Ctrl-C, or a bug: stop every grading before going
            with self.lock:
                self.stopping = True
                running = list(self.children)
            for future in pending:
                future.cancel()
            for child in running:
                stop_child(child)
            raise
        finally:
            pool.shutdown(wait=True)
            self.progress.finish()
        summary = write_gradebook(self.options.out, students, self.manifest)
        known = set(students)
        orphans = sorted(p.parent.name for p in self.options.out.glob(f"*/{RESULTS}") if p.parent.name not in known)
        return BatchResult(summary, graded, unchanged, failed, orphans)


def stop_child(child: subprocess.Popen) -> None:
    """Stop a grading child and every sandboxed run it started.

    The runs live in sessions of their own, so killing the child's group
    misses them. Every descendant is frozen first (the launcher too: it would
    fork the runs already asked for), then killed; a run's own processes that
    left the tree (setsid, double fork) carry its token, which the reaper sweeps.
    """
    import psutil

    from ..sandbox import reaper

    tokens, frozen = set(), []
    try:
        parent = psutil.Process(child.pid)
        parent.suspend()  # no new runs while we look
        for _ in range(2):  # again, for what was forked while we froze the first ones
            for proc in parent.children(recursive=True):
                if proc not in frozen:
                    try:
                        proc.suspend()
                        frozen.append(proc)
                        token = proc.environ().get("MPKIT_RUN_TOKEN")
                    except psutil.Error:
                        continue
                    if token:
                        tokens.add(token)
    except psutil.Error:
        pass
    reaper.kill_group(child.pid)
    child.kill()
    child.wait()
    for proc in frozen:
        try:
            proc.kill()
        except psutil.Error:
            pass
    for token in tokens:
        reaper.sweep(token, None)


def check_options(options: BatchOptions) -> None:
    if options.jobs is not None and options.jobs < 1:
        raise MpkitError(f"--jobs {options.jobs}: expected a number of parallel gradings >= 1")
    subs, out = options.submissions.resolve(), options.out.resolve()
    if out == subs or subs in out.parents:
        raise MpkitError(f"--out {options.out}: must not be inside {options.submissions} "
                         "(it would be graded as a student next time)")
    if options.html is not None and (Path(options.html).name != options.html or not options.html.endswith(".html")):
        raise MpkitError(f"--html {options.html}: with --batch, give a file name such as report.html "
                         "(each student's report goes in RESULTS_DIR/<student>/)")
    if out.exists() and not out.is_dir():
        raise MpkitError(f"--out {options.out}: exists and is not a folder")


def grade_batch(options: BatchOptions, progress) -> BatchResult:
    check_options(options)
    options.out.mkdir(parents=True, exist_ok=True)
    return BatchGrader(options, progress).run()


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_json(path: Path, data) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    partial.replace(path)
