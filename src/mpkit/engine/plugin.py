"""pytest plugin: `pytest graders/` grades a submission and prints a scorecard.

Registered through the `pytest11` entry point, so it is active wherever mpkit
is installed; it does nothing unless the collected tests include checks
(tests marked with `mpkit_check`).

Options: `--submission DIR` (default: the kit's exercises/), `--public-only`
(leave hidden checks out; `-m "not hidden"` does the same), `--kit DIR`.
"""
from __future__ import annotations

import time
import traceback
from dataclasses import replace
from pathlib import Path

import pytest

from ..checks.api import CheckFailed
from ..errors import MpkitError
from ..kit.manifest import Manifest, find_kit, load_manifest, quiz_check_id
from ..report.results import ERROR, FAILED, PASSED, CheckResult, Report, TaskSummary, scorecard
from ..sandbox import crosscheck
from .scheduler import Scheduler
from .task_runs import TaskRuns

SESSION = "mpkit-grading"


def pytest_addoption(parser):
    group = parser.getgroup("mpkit", "mpkit grading")
    group.addoption("--submission", metavar="DIR", default=None,
                    help="folder holding the task files to grade (default: the kit's exercises/)")
    group.addoption("--public-only", action="store_true", default=False,
                    help="leave out hidden checks (what a student bundle has)")
    group.addoption("--timeline", action="store_true", default=False,
                    help="show, under each task of the scorecard, when its processes ran, printed and were joined")
    group.addoption("--require-kernel-sandbox", action="store_true", default=False,
                    help="refuse to grade where the kernel sandbox (Linux Landlock) is missing")
    group.addoption("--kit", metavar="DIR", default=None,
                    help="the kit folder holding config/manifest.yaml (default: found from the graders)")


def pytest_configure(config):
    config.addinivalue_line("markers", "mpkit_check(id): this test is the manifest check `id` of its module's TASK")
    config.addinivalue_line("markers", "hidden: a check students do not see (deselect with -m 'not hidden')")
    if config.getoption("--require-kernel-sandbox"):  # refused before anything is collected
        from ..sandbox import kernel

        try:
            kernel.require()
        except kernel.KernelSandboxMissing as exc:
            raise pytest.UsageError(str(exc)) from None
    config.pluginmanager.register(GradingSession(config), SESSION)


def _error_details(excinfo, hidden: bool) -> str:
    """What a grader error's report says: the whole traceback for a public
    check (its source ships in the students' bundle anyway); for a hidden
    check only the exception, since a traceback quotes the hidden grader's
    source lines into what students see (results.json, the HTML report)."""
    if not hidden:
        return "".join(traceback.format_exception(excinfo.type, excinfo.value, excinfo.tb))
    message = str(excinfo.value).splitlines()[0][:300] if str(excinfo.value) else ""
    return f"{excinfo.type.__name__}: {message} (in a hidden check; run the kit's own tests to see where)\n"


class GradingSession:
    """One grading of one submission: manifest, runs, results, scorecard."""

    def __init__(self, config):
        self.config = config
        self.manifest: Manifest | None = None
        self.scheduler: Scheduler | None = None
        self.submission: Path | None = None
        self.task_runs: dict[str, TaskRuns] = {}
        self.results: dict[tuple[str, str], CheckResult] = {}
        self.selected: dict[tuple[str, str], object] = {}
        self.timelines: dict[tuple[str, str], dict] = {}  # (task, run) -> timeline of a finished run
        self.started = time.monotonic()
        self.refused = False  # the kernel sandbox was required and is missing: nothing is graded

    # -- collection ---------------------------------------------------------
    def _setup(self, first_grader: Path) -> None:
        option = self.config.getoption
        try:
            kit = Path(option("--kit")).resolve() if option("--kit") else find_kit(first_grader.parent)
            self.manifest = load_manifest(kit / "config" / "manifest.yaml")
        except MpkitError as exc:
            raise pytest.UsageError(str(exc)) from None
        submission = option("--submission")
        self.submission = Path(submission).resolve() if submission else self.manifest.root / "exercises"
        if not self.submission.is_dir():
            raise pytest.UsageError(f"--submission {submission or self.submission}: no such folder")
        if option("--require-kernel-sandbox") or self.manifest.require_kernel_sandbox:
            from ..sandbox import kernel

            try:
                kernel.require()
            except kernel.KernelSandboxMissing as exc:
                self.refused = True
                raise pytest.UsageError(str(exc)) from None
        self.scheduler = Scheduler(self.submission, manifest=self.manifest)

    def pytest_generate_tests(self, metafunc):
        """Quiz checks: one test per quiz statement of the module's task."""
        if "quiz_key" not in metafunc.fixturenames:
            return
        if self.manifest is None:
            self._setup(Path(metafunc.module.__file__))
        task = self._task_of(metafunc.module)
        metafunc.parametrize(
            "quiz_key",
            [pytest.param(q.key, id=q.key, marks=pytest.mark.mpkit_check(quiz_check_id(q.key))) for q in task.quiz],
        )

    def _task_of(self, module):
        task_id = getattr(module, "TASK", None)
        task = self.manifest.task(task_id) if task_id else None
        if task is None:
            raise pytest.UsageError(f"{module.__file__}: TASK = {task_id!r} is not a task of {self.manifest.path}")
        return task

    def pytest_itemcollected(self, item):
        """Start a task's runs as soon as its grader is collected, while pytest
        collects the others: the runs are what the student waits for. Not when
        the command line may deselect whole tasks (-k, -m, --deselect): then
        only the runs of selected checks start, at the end of collection."""
        option = self.config.getoption
        if option("-k") or option("-m") or option("--deselect"):
            return
        if self.manifest is None or self.scheduler is None or not item.get_closest_marker("mpkit_check"):
            return
        task_id = getattr(item.module, "TASK", None)
        if self.manifest.task(task_id) is not None and task_id not in self.task_runs:
            self.scheduler.start([self.runs_for(item.module)])

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, session, config, items):
        graded = [item for item in items if item.get_closest_marker("mpkit_check")]
        if not graded:
            return
        if self.manifest is None:
            self._setup(Path(graded[0].module.__file__))
        by_task: dict[str, set] = {}
        for item in graded:
            task = self._task_of(item.module)
            check_id = item.get_closest_marker("mpkit_check").args[0]
            check = task.check(check_id)
            if check is None:
                raise pytest.UsageError(
                    f"{item.nodeid}: check {check_id!r} is not in task {task.id!r} of {self.manifest.path}"
                )
            if (task.id, check_id) in self.selected:
                raise pytest.UsageError(f"{item.nodeid}: check {task.id}.{check_id} is graded by two tests")
            self.selected[(task.id, check_id)] = item
            by_task.setdefault(task.id, set()).add(check_id)
            if check.hidden:
                item.add_marker(pytest.mark.hidden)
        for task_id, ids in by_task.items():
            missing = [c.id for c in self.manifest.task(task_id).checks if c.id not in ids]
            if missing and not config.getoption("-k") and not config.getoption("-m"):
                raise pytest.UsageError(
                    f"{self.manifest.task(task_id).grader}: no test for check(s) {', '.join(missing)} of task {task_id!r}"
                )
        if config.getoption("--public-only"):
            hidden = [i for i in items if i.get_closest_marker("hidden")]
            if hidden:
                config.hook.pytest_deselected(items=hidden)
                items[:] = [i for i in items if not i.get_closest_marker("hidden")]

    def pytest_collection_finish(self, session):
        """Start every run of every selected task now, in the background."""
        if self.scheduler is None:
            return
        modules = {}
        for item in session.items:
            if item.get_closest_marker("mpkit_check"):
                modules[item.module.__name__] = item.module
        self.scheduler.start([self.runs_for(module) for module in modules.values()])
        self.selected = {
            key: item for key, item in self.selected.items() if item in set(session.items)
        }

    def runs_for(self, module) -> TaskRuns:
        task = self._task_of(module)
        if task.id not in self.task_runs:
            self.task_runs[task.id] = TaskRuns(task, getattr(module, "RUNS", {}), self.scheduler)
        return self.task_runs[task.id]

    # -- results ------------------------------------------------------------
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(self, item, call):
        """A failed check's report is its message. pytest's own report of a
        failure parses the grader's source for its traceback (~20 ms each,
        over a second for an untouched stub), and nobody reads it."""
        excinfo = call.excinfo
        marker = item.get_closest_marker("mpkit_check")
        if excinfo is None or marker is None or self.manifest is None or not isinstance(excinfo.value, CheckFailed):
            return None
        task = self._task_of(item.module)
        text = f"{task.id}: {task.check(marker.args[0]).description}\n{excinfo.value.render()}"
        sections = [(f"Captured {key} {when}", content) for when, key, content in item._report_sections]
        return pytest.TestReport(item.nodeid, item.location, dict.fromkeys(item.keywords, 1), "failed", text,
                                 call.when, sections=sections, duration=call.duration, start=call.start,
                                 stop=call.stop, user_properties=item.user_properties)

    @pytest.hookimpl(hookwrapper=True, specname="pytest_runtest_makereport")
    def pytest_record_check_result(self, item, call):  # pytest only looks at pytest_* names
        outcome = yield
        marker = item.get_closest_marker("mpkit_check")
        if marker is None or self.manifest is None:
            return
        report = outcome.get_result()
        if call.when == "call" or (call.when == "setup" and report.outcome != "passed"):
            task = self._task_of(item.module)
            check = task.check(marker.args[0])
            result = CheckResult(task.id, check.id, check.description, check.points, check.visibility)
            excinfo = call.excinfo
            if excinfo is None:
                result.status = PASSED if report.outcome == "passed" else FAILED
            elif isinstance(excinfo.value, CheckFailed):
                exc = excinfo.value
                result.status, result.expected, result.observed, result.hint = FAILED, exc.expected, exc.observed, exc.hint
            elif excinfo.errisinstance(pytest.skip.Exception):
                result.status, result.expected, result.observed = FAILED, "the check to run", "it was skipped"
            else:
                result.status = ERROR
                # Hidden: a hidden check, or any check of a grader students never get (the free-form edition's).
                unshipped = task.free_form is not None and task.grader == task.free_form.grader
                result.details = _error_details(excinfo, hidden=check.hidden or unshipped)
            self.results[(task.id, check.id)] = result

    def report(self) -> Report:
        """Results in manifest order, for the checks that were selected."""
        tasks = []
        tampered = self.scheduler.tampered({t.id: t.file for t in self.manifest.tasks}) if self.scheduler else {}
        forged = self.scheduler.forged() if self.scheduler else {}
        for task in self.manifest.tasks:
            checks = []
            for check in task.checks:
                if (task.id, check.id) not in self.selected:
                    continue
                result = self.results.get((task.id, check.id))
                if result is None:
                    result = CheckResult(task.id, check.id, check.description, check.points, check.visibility,
                                         status=FAILED, expected="the check to run", observed="it did not run")
                if task.id in tampered:
                    result = _tampered(result, tampered[task.id])
                elif task.id in forged:
                    result = _forged(result, forged[task.id])
                checks.append(result)
            if checks:
                tasks.append(TaskSummary(task.id, task.title, checks))
        return Report(
            title=self.manifest.title,
            submission=str(self.submission),
            tasks=tasks,
            execution_time=time.monotonic() - self.started,
            timelines={t.task_id: self._timelines(t.task_id) for t in tasks},
            sandbox=self._sandbox(),
        )

    def _sandbox(self) -> dict:
        from ..sandbox import kernel

        return kernel.summary(self.scheduler.sandbox_reports() if self.scheduler else [])

    def _timelines(self, task_id: str) -> list:
        """Timelines of the task's runs that have finished (a run still going is not waited for)."""
        from ..report.timeline import run_timeline

        runs = self.task_runs.get(task_id)
        if runs is None:
            return []
        found = []
        for name, spec in runs.specs.items():
            if name in self._hidden_runs(runs):
                continue
            if (task_id, name) not in self.timelines:
                future = self.scheduler.submit(runs.task, name, spec)
                record = future.result() if future.done() and future.exception() is None else None
                if record is None:
                    continue
                self.timelines[(task_id, name)] = run_timeline(name, runs.spec(name).describe(), record)
            found.append(self.timelines[(task_id, name)])
        return found

    def _hidden_runs(self, runs) -> set:
        """With --public-only, runs only hidden checks read are not shown (their inputs are hidden)."""
        return runs.hidden_runs if self.config.getoption("--public-only") else set()

    def pytest_terminal_summary(self, terminalreporter):
        if self.manifest is None or not self.selected or self.refused:
            return
        terminalreporter.write_line("")
        from ..sandbox.runner import platform_notes  # limits this machine cannot apply, said once

        for note in platform_notes():
            terminalreporter.write_line(f"mpkit: note: {note}")
        for line in scorecard(self.report(), timeline=self.config.getoption("--timeline")).splitlines():
            terminalreporter.write_line(line)

    def pytest_unconfigure(self, config):
        if self.scheduler is not None:
            self.scheduler.close()


def _tampered(result: CheckResult, name: str) -> CheckResult:
    """A check of a task graded on a file changed during grading: failed."""
    from ..kit.handed_in import message

    expected, observed, hint = message(name)
    return replace(result, status=FAILED, expected=expected, observed=observed, hint=hint, details="")


def _forged(result: CheckResult, why: str) -> CheckResult:
    """A check of a task one of whose runs the kernel contradicts (a record
    changed by the graded code, another program run): failed."""
    return replace(result, status=FAILED, details="", **crosscheck.failure(why))


@pytest.fixture
def runs(request) -> TaskRuns:
    """The runs of the task this grader module checks (see engine/task_runs.py)."""
    session: GradingSession = request.config.pluginmanager.get_plugin(SESSION)
    return session.runs_for(request.module)


@pytest.fixture
def task(request):
    session: GradingSession = request.config.pluginmanager.get_plugin(SESSION)
    return session._task_of(request.module)


@pytest.fixture
def task_file(request, task) -> Path:
    session: GradingSession = request.config.pluginmanager.get_plugin(SESSION)
    return session.submission / task.file
