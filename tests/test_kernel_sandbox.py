"""The kernel layer of the sandbox (Linux Landlock), on the real kernel.

Attacks go through the C library, where the audit hook cannot see them, so
these tests show what the kernel alone stops. The same grading without the
kernel layer is made real with tests/without_landlock.py (a seccomp filter
that makes the Landlock system calls fail with ENOSYS, as an old kernel does).
"""
from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import KIT, SOLUTIONS, copy_kit, make_submission, mpkit, statuses

from mpkit.sandbox import kernel
from mpkit.sandbox.runner import BOOT_DIR, Limits, RunSpec, run

HERE = Path(__file__).resolve().parent
WITHOUT_LANDLOCK = [sys.executable, str(HERE / "without_landlock.py")]

pytestmark = pytest.mark.skipif(not kernel.probe()[0], reason=f"needs Landlock: {kernel.probe()[1]}")


@pytest.fixture
def secret_kit(tmp_path):
    """A hidden folder holding a canary, a file of the grader's kept open, a
    TCP port listening, and folders a run must not write to."""
    canary = "CANARY-" + secrets.token_hex(8)
    hidden = tmp_path / "kit" / "graders"
    hidden.mkdir(parents=True)
    secret = hidden / "answers.txt"
    secret.write_text(canary)
    (tmp_path / "kit" / "src").mkdir()
    (tmp_path / "elsewhere").mkdir()
    held = open(secret)  # the grader's own descriptor on a hidden file
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    abstract = "mpkit-test-" + secrets.token_hex(8)
    unix = socket.socket(socket.AF_UNIX)
    unix.bind("\0" + abstract)
    unix.listen()
    outside = {
        "submission": str(tmp_path / "submission" / "other_task.py"),
        "kit": str(tmp_path / "kit" / "src" / "new.py"),
        "hidden": str(hidden / "new.py"),
        "other temp": str(tmp_path / "elsewhere" / "x"),
    }
    (tmp_path / "submission").mkdir()
    args = (str(secret), str(hidden), outside, os.getpid(), held.fileno(), listener.getsockname()[1], abstract)
    yield canary, hidden, args
    held.close()
    listener.close()
    unix.close()


def _check_denied(found: dict, canary: str) -> None:
    assert canary not in json.dumps(found)
    opened = {door: what for door, what in found.items()
              if door not in ("write work", "write temp") and not str(what).startswith(("denied", "link:", "no "))}
    assert not opened, opened
    assert found["write work"] == "WROTE" and found["write temp"] == "WROTE"  # the run's own folders


def test_the_kernel_alone_stops_every_door(secret_kit, tmp_path):
    """If a plain interpreter (no audit hook) applies the plan a run gets, it can
    neither read nor list the hidden folder by any door, nor write outside its
    folders, nor signal or connect outside; fork, spawn, forkserver and Pool
    children are held alike."""
    canary, hidden, args = secret_kit
    run_dir = tmp_path / "run"
    for name in kernel.RUN_WRITABLE:
        (run_dir / name).mkdir(parents=True)
    plan = kernel.plan(run_dir, [hidden])
    script = (
        "import json, sys, _mpkit_landlock as L, attacks\n"
        f"plan = json.loads({json.dumps(json.dumps(plan))})\n"
        "L.restrict(plan['read'], plan['write'], plan['write_files'])\n"
        f"print(attacks.attack(*json.loads({json.dumps(json.dumps(args))})))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(BOOT_DIR), str(HERE / "kernel")]),
           "TMPDIR": str(run_dir / "tmp")}
    env.pop("MPKIT_RUN_DIR", None)
    done = subprocess.run([sys.executable, "-c", script], cwd=run_dir / "work", env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    _check_denied(found, canary)
    assert found["libc open+read"] == "denied EACCES"
    assert found["hard link in temp"].startswith("link: denied")
    assert found["kill grader"] == "denied EPERM"
    assert "Operation not permitted" in found["abstract unix socket"]
    # Without the restriction the same script reads the canary: the test can fail.
    unrestricted = script.replace("L.restrict(", "(lambda *a: None)(")
    done = subprocess.run([sys.executable, "-c", unrestricted], cwd=run_dir / "work", env=env,
                          capture_output=True, text=True, timeout=120)
    assert canary in done.stdout


def test_every_run_is_restricted_and_says_so(secret_kit, monkeypatch):
    """If a run of the kit's runner attacks through the C library, the kernel
    refuses it in the run's main process and in all its children, and the run
    reports the layer it applied."""
    canary, hidden, args = secret_kit
    monkeypatch.setenv("MPKIT_GUARD_CTYPES", "allow")  # the guard's ctypes door open: the kernel alone stops them
    task = HERE / "kernel" / "attacks.py"
    record = run(RunSpec(function="attack", args=args, start_method="fork"), task,
                 Limits(time_limit=60, hidden=(str(hidden),)))
    assert record.sandbox and record.sandbox["applied"] and record.sandbox["abi"] == kernel.probe()[0]
    end = next(e for e in record.events if e["e"] in ("call_end", "call_error"))
    assert end["e"] == "call_end", end
    found = json.loads(end["value"])
    _check_denied(found, canary)
    everything = json.dumps(record.events) + "".join(p.out.text + p.err.text for p in record.procs.values())
    assert canary not in everything


def _tampering_submission(tmp_path: Path) -> Path:
    """q5 rewrites q3's file (through the C library, past the audit hook) with
    a q3 that starts no process, then does its own task right."""
    attack = (
        "import ctypes, os\n"
        "_q3 = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'q3_create_process.py')\n"
        "_libc = ctypes.CDLL(None, use_errno=True)\n"
        "_fd = _libc.open(_q3.encode(), os.O_WRONLY | os.O_TRUNC)\n"
        "if _fd >= 0:\n"
        "    _libc.write(_fd, b'def create_process():\\n    pass\\n', 32)\n"
        "    _libc.close(_fd)\n"
    )
    q5 = attack + (SOLUTIONS / "q5_worker_pool.py").read_text()
    return make_submission(tmp_path / "submission", {"q5_worker_pool.py": q5})


def _files(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_with_the_kernel_layer_the_submission_cannot_be_changed(tmp_path, monkeypatch):
    monkeypatch.setenv("MPKIT_GUARD_CTYPES", "allow")  # the C library past the guard (its ctypes door is not tested here)
    submission = _tampering_submission(tmp_path)
    before = _files(submission)
    done = mpkit("grade", submission)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert _files(submission) == before
    got = statuses(results)
    assert all(v == "passed" for k, v in got.items() if k.startswith(("q3.", "q5."))), got
    assert results["extra_data"]["sandbox"]["kernel"] is True
    assert "sandbox: kernel (Landlock ABI" in results["output"]


def test_without_the_kernel_layer_grading_works_and_says_what_was_missing(tmp_path):
    """On a 'kernel' without Landlock (seccomp: ENOSYS), the solutions still get
    full marks, every format says only the audit hook was in force and why;
    --require-kernel-sandbox refuses with one line and a non-zero exit."""
    out, html = tmp_path / "results.json", tmp_path / "report.html"
    done = subprocess.run([*WITHOUT_LANDLOCK, sys.executable, "-m", "mpkit.cli", "grade", str(SOLUTIONS),
                           "--out", str(out), "--html", str(html)],
                          cwd=KIT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    results = json.loads(out.read_text())
    assert results["score"] == results["extra_data"]["max_score"]
    line = "sandbox: audit hook only (no Landlock: kernel"
    assert line in results["output"] and "ENOSYS" in results["output"]
    assert results["extra_data"]["sandbox"]["kernel"] is False
    assert line in html.read_text() and line in done.stderr

    refused = subprocess.run([*WITHOUT_LANDLOCK, sys.executable, "-m", "mpkit.cli", "grade", str(SOLUTIONS),
                              "--require-kernel-sandbox"], cwd=KIT, capture_output=True, text=True, timeout=300)
    assert refused.returncode == 4
    assert refused.stdout == ""
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "refusing to grade" in refused.stderr and "Landlock" in refused.stderr

    students = subprocess.run([*WITHOUT_LANDLOCK, sys.executable, "-m", "pytest", "graders/", "-q",
                               "-p", "no:cacheprovider", "--require-kernel-sandbox"],
                              cwd=KIT, capture_output=True, text=True, timeout=300)
    assert students.returncode != 0
    assert "refusing to grade" in students.stdout + students.stderr


def test_manifest_key_requires_the_kernel_layer(tmp_path):
    kit = copy_kit(tmp_path / "kit")
    manifest = kit / "config" / "manifest.yaml"
    manifest.write_text(manifest.read_text() + "sandbox:\n  require_kernel: true\n")
    refused = subprocess.run([*WITHOUT_LANDLOCK, sys.executable, "-m", "mpkit.cli", "--kit", str(kit), "grade",
                              str(kit / "solutions")], cwd=kit, capture_output=True, text=True, timeout=300)
    assert refused.returncode == 4 and "refusing to grade" in refused.stderr
    assert mpkit("--kit", kit, "grade", kit / "solutions", cwd=kit).returncode == 0  # with Landlock: grades


def test_without_the_kernel_layer_a_changed_submission_scores_zero_and_is_put_back(tmp_path, monkeypatch):
    """Without Landlock the audit hook is all there is, and the C library (where
    the guard's ctypes door is open, as here) gets past it: q5 rewrites q3's
    file. Then q3 scores zero with one clear line, and the submission folder is
    as it was handed in afterwards."""
    monkeypatch.setenv("MPKIT_GUARD_CTYPES", "allow")
    submission = _tampering_submission(tmp_path)
    before = _files(submission)
    out = tmp_path / "results.json"
    done = subprocess.run([*WITHOUT_LANDLOCK, sys.executable, "-m", "mpkit.cli", "grade", str(submission),
                           "--out", str(out)], cwd=KIT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    results = json.loads(out.read_text())
    q3 = [t for t in results["tests"] if t["extra_data"]["task"] == "q3"]
    assert q3 and all(t["score"] == 0 for t in q3)
    assert all("q3_create_process.py was changed while the submission was graded" in t["output"] for t in q3)
    assert _files(submission) == before
