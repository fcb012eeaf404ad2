"""The kernel layer of the sandbox (Linux Landlock), seen from the grader.

The grader probes the kernel once, tells every run what to restrict itself
to (`plan()`, passed in the run's spec), and reads back what each run really
applied (boot/_mpkit_harness.py writes `sandbox.json` in the run folder
before the student's code starts, and no run can write there afterwards).
`summary()` turns the runs' reports into the line every result carries.

A run that was asked to restrict itself and could not stops before the
student's code runs: code never runs with less protection than announced.
"""
from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

BOOT_DIR = Path(__file__).with_name("boot")
REPORT = "sandbox.json"  # in the run folder, written by the harness
# The folders of a run its code may write to (besides /dev/shm); the rest of
# the run folder (spec, report, stdout and stderr files) it may not touch.
RUN_WRITABLE = ("work", "tmp", "rec", "out")
# What multiprocessing writes outside the run: POSIX semaphores and
# SharedMemory live in /dev/shm.
SYSTEM_WRITABLE = ("/dev/shm",)
SYSTEM_WRITABLE_FILES = ("/dev/null", "/dev/zero", "/dev/full")


class KernelSandboxMissing(RuntimeError):
    """Grading must not go on: the kernel layer was required and is missing."""


@functools.lru_cache(maxsize=None)
def _landlock():
    spec = importlib.util.spec_from_file_location("_mpkit_landlock", BOOT_DIR / "_mpkit_landlock.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def probe() -> tuple[int, str | None]:
    """(Landlock ABI, None) where this kernel enforces it, else (0, why)."""
    return _landlock().abi()


def plan(run_dir: Path, hidden) -> dict | None:
    """The rules a run applies to itself, or None where the kernel has none."""
    version, _ = probe()
    if not version:
        return None
    landlock = _landlock()
    reads = landlock.allowed_reads([str(h) for h in hidden])
    return {
        "abi": version,
        "read": [*reads, str(run_dir)],
        "write": [*(str(run_dir / name) for name in RUN_WRITABLE), *SYSTEM_WRITABLE],
        "write_files": list(SYSTEM_WRITABLE_FILES),
    }


def read_report(run_dir: Path) -> dict | None:
    """What the run says it applied; None when it wrote nothing readable."""
    try:
        data = json.loads((run_dir / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _features(report: dict) -> str:
    names = ["files"]
    if report.get("signals"):
        names.append("signals")
    if report.get("abstract_sockets"):
        names.append("abstract sockets")
    if report.get("tcp"):
        names.append("TCP")
    return ", ".join(names)


def summary(reports: list) -> dict:
    """What protected a grading, from the reports of its runs (None: a run
    that reported nothing). The kernel layer counts only if every run that
    ran applied it: never assumed from the probe alone; the process observer
    (sandbox/observer.py) only if it watched every run to its end."""
    result = _landlock_summary(reports)
    runs = [r for r in reports if isinstance(r, dict)]
    if runs and len(runs) == len(reports) and all(r.get("observed") for r in runs):
        result["layers"].insert(-1, "observer")
        result["observed"] = True
        result["text"] = result["text"].replace(" + audit hook", " + process observer (ptrace) + audit hook")
        followed = [r for r in runs if "shared_watched" in r]  # runs whose PIDs were followed (Q1's)
        if followed and all(r["shared_watched"] for r in followed):
            result["shared_watched"] = True
            result["text"] += "; shared-memory writes watched (userfaultfd)"
        elif followed:
            result["shared_watched"] = False
            why = next(r.get("shared_why") for r in followed if not r["shared_watched"])
            result["text"] += f"; shared-memory writes not watched ({why})"
    else:
        why = next((r.get("observer_why") for r in runs if not r.get("observed") and r.get("observer_why")),
                   "no run reported")
        result["observed"] = False
        result["observer_why"] = why
        result["text"] += f"; process observer off ({why})"
    return result


def _landlock_summary(reports: list) -> dict:
    version, why = probe()
    applied = [r for r in reports if isinstance(r, dict) and r.get("applied")]
    missing = len(reports) - len(applied)
    # Where the grader's own probe finds no Landlock, a run's "applied" can only be forged.
    if version and reports and not missing:
        first = applied[0]
        abi = min(int(r.get("abi") or 0) for r in applied)
        text = f"sandbox: kernel (Landlock ABI {abi}: {_features(first)}) + audit hook"
        return {"kernel": True, "layers": ["landlock", "audit_hook"], "landlock_abi": abi,
                "runs": len(reports), "text": text}
    if not version:
        reason = why
    elif not reports:
        reason = "no run of the submission's code happened"
    else:
        failed = [r.get("error") for r in reports if isinstance(r, dict) and r.get("error")]
        reason = (f"Landlock ABI {version} is there, but {missing} of {len(reports)} runs did not apply it"
                  + (f" ({failed[0]})" if failed else ""))
    return {"kernel": False, "layers": ["audit_hook"], "landlock_abi": 0, "runs": len(reports),
            "why": reason, "text": f"sandbox: audit hook only ({reason})"}


def require(version_why: tuple[int, str | None] | None = None) -> None:
    """Raise KernelSandboxMissing where the kernel layer cannot be applied."""
    version, why = version_why or probe()
    if not version:
        raise KernelSandboxMissing(
            f"mpkit: refusing to grade: the kernel sandbox (Landlock) is required here but missing ({why}); "
            "grade on Linux 5.13+ with Landlock enabled, or drop --require-kernel-sandbox / sandbox.require_kernel"
        )
