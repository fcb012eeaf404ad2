"""Grade one submission with the kit's graders, in this process's pytest.

The graders are the same pytest files students run; here pytest's own
terminal output is silenced and the report is taken from the plugin.
"""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

from .errors import MpkitError
from .kit.manifest import load_manifest
from .report.results import Report


class _Sink:
    """Takes the report from the grading session when pytest is done."""

    def __init__(self):
        self.report: Report | None = None
        self.usage_error: str | None = None

    def pytest_sessionfinish(self, session):
        from .engine.plugin import SESSION

        grading = session.config.pluginmanager.get_plugin(SESSION)
        if grading is not None and grading.manifest is not None:
            self.report = grading.report()


def refuse_without_kernel_sandbox() -> None:
    """MpkitError (exit code 4) where the kernel layer of the sandbox is missing."""
    from .sandbox import kernel

    try:
        kernel.require()
    except kernel.KernelSandboxMissing as exc:
        raise MpkitError(str(exc).removeprefix("mpkit: "), exit_code=4) from None


def grade_submission(kit: Path, submission: Path, public_only: bool = False, tasks=None,
                     require_kernel_sandbox: bool = False) -> Report:
    """Grade every task, or only the task ids in `tasks`. With
    `require_kernel_sandbox` (or the manifest's sandbox.require_kernel), refuse
    (MpkitError) where the kernel layer of the sandbox is missing."""
    import pytest

    manifest = load_manifest(kit / "config" / "manifest.yaml")
    if not submission.is_dir():
        raise MpkitError(f"{submission}: no such submission folder")
    unknown = [t for t in tasks or () if manifest.task(t) is None]
    if unknown:
        raise MpkitError(f"{manifest.path}: no task {unknown[0]!r}")
    if require_kernel_sandbox or manifest.require_kernel_sandbox:
        refuse_without_kernel_sandbox()
    graders = [str(t.grader) for t in manifest.tasks if tasks is None or t.id in tasks]
    args = [
        *graders,
        "--kit", str(kit),
        "--submission", str(submission.resolve()),
        "--rootdir", str(kit),
        # Only the kit's plugin: other installed plugins (Jupyter's anyio, say)
        # cost start-up time and have no business in grading.
        "--disable-plugin-autoload", "-p", "mpkit.engine.plugin",
        "-p", "no:cacheprovider",
        # Graders print, log and warn nothing and leave nothing unraisable behind:
        # none of pytest's machinery for those (nor its command-line extras) is needed.
        "--capture=sys", "-p", "no:unraisableexception", "-p", "no:logging", "-p", "no:warnings",
        "-p", "no:doctest", "-p", "no:junitxml", "-p", "no:pastebin", "-p", "no:stepwise",
        "-o", "addopts=",
        "-q",
    ]
    if public_only:
        args.append("--public-only")
    if require_kernel_sandbox:
        args.append("--require-kernel-sandbox")
    sink = _Sink()
    stream = io.StringIO()
    with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
        code = pytest.main(args, plugins=[sink])
    # Exit codes 0 and 1 mean the checks ran (and passed or failed); any
    # other means the graders themselves could not run.
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED) or sink.report is None:
        output = stream.getvalue().strip().splitlines()
        reason = next((line for line in output if "ERROR" in line or "error" in line), output[-1] if output else "")
        raise MpkitError(f"grading could not run (pytest exit code {int(code)}): {reason}", exit_code=3)
    return sink.report
