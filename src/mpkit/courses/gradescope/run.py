"""Grade one Gradescope upload: ROOT/submission into ROOT/results/results.json."""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from ... import __version__
from ...grade import grade_submission
from ...kit.manifest import load_manifest
from ...kit.submission_files import locate, stage
from ...report.results import gradescope


def grade_upload(kit, root) -> int:
    kit, root = Path(kit).resolve(), Path(root).resolve()
    submission, results = root / "submission", root / "results" / "results.json"
    import mpkit

    # Shown to the instructor (Gradescope keeps the autograder's stdout).
    print(f"mpkit {__version__} from {Path(mpkit.__file__).parent}, kit {kit}, grading {submission}")
    manifest = load_manifest(kit / "config" / "manifest.yaml")
    located = locate(submission, manifest)
    for line in located.describe():
        print(line)
    with tempfile.TemporaryDirectory(prefix="mpkit-upload-") as scratch:
        folder = submission if located.flat else stage(located, Path(scratch) / "submission")
        # Official grades: refuse where the kernel layer of the sandbox is missing.
        report = grade_submission(kit, folder, require_kernel_sandbox=True)
    data = gradescope(report)
    said = [data["output"]]
    if located.missing:
        said.append("Not found in your upload: " + ", ".join(located.missing) + ".")
    said += located.describe(missing=False)
    data["output"] = "\n".join(said)
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"{report.score:g} / {report.max_score:g} points written to {results}")
    for c in report.grader_errors:
        print(f"grader error in {c.task_id}.{c.check_id}:\n{c.details}", file=sys.stderr)
    return 0
