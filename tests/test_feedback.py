"""Feedback a student can look at: the HTML report and the process timelines (SVG and text)."""
from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import KIT, SOLUTIONS, grade, mpkit

from mpkit.report.html import timeline_svg
from mpkit.sandbox.runner import Limits, RunSpec, run
from mpkit.report.timeline import run_timeline, text_timeline

Q6 = (SOLUTIONS / "q6_four_processes.py").read_text()
SEQUENTIAL_Q6 = Q6.replace(
    "    for process in processes:\n        process.start()\n    for process in processes:\n        process.join()\n",
    "    for process in processes:\n        process.start()\n        process.join()\n",
)
Q3 = (SOLUTIONS / "q3_create_process.py").read_text()
UNJOINED_Q3 = Q3.replace("    process.start()\n    process.join()\n", "    process.start()\n")


class Page(HTMLParser):
    """Task sections, their failed checks and their timelines, as the HTML says."""

    def __init__(self):
        super().__init__()
        self.tasks: dict = {}
        self.task = self.svg = self.proc = self.field = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "section" and "task" in classes:
            self.task = self.tasks.setdefault(a["data-task"], {"runs": {}, "failed": {}})
        elif tag == "li" and "failed" in classes:
            self.field = self.task["failed"].setdefault(a["data-check"], {})
        elif tag == "dt" and self.field is not None:
            self.field["_dt"] = True
        elif tag == "svg" and "timeline" in classes:
            self.svg = self.task["runs"].setdefault(a["data-run"], {"procs": [], "bars": 0})
        elif tag == "g" and "proc" in classes:
            self.proc = {"pid": int(a["data-pid"]), "role": a["data-role"],
                         "never_joined": a["data-never-joined"] == "true", "joins": [], "prints": []}
            self.svg["procs"].append(self.proc)
        elif tag == "rect" and "bar" in classes:
            self.svg["bars"] += 1
            self.proc.update(start=float(a["data-start"]), end=float(a["data-end"]))
        elif tag == "path" and "join" in classes:
            self.proc["joins"].append(float(a["data-t"]))
        elif tag == "circle" and "print" in classes:
            self.proc["prints"].append(float(a["data-t"]))

    def handle_endtag(self, tag):
        if tag == "svg":
            self.svg = self.proc = None
        elif tag == "li":
            self.field = None

    def handle_data(self, data):
        if self.field is not None and self.field.pop("_dt", False):
            self.field["_name"] = data.strip()
        elif self.field is not None and "_name" in self.field:
            self.field[self.field.pop("_name")] = data


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """One grading: the solutions, but Q6 runs its processes one after another and Q3 never joins."""
    folder = tmp_path_factory.mktemp("feedback")
    submission = folder / "submission"
    submission.mkdir()
    for path in SOLUTIONS.glob("*.py"):
        shutil.copy(path, submission / path.name)
    (submission / "q6_four_processes.py").write_text(SEQUENTIAL_Q6)
    (submission / "q3_create_process.py").write_text(UNJOINED_Q3)
    html = folder / "report.html"
    done = mpkit("--kit", KIT, "grade", submission, "--html", html, "--timeline")
    assert done.returncode == 0, done.stderr
    page = Page()
    page.feed(html.read_text(encoding="utf-8"))
    return page, html, done


def test_each_timeline_has_one_bar_per_process(graded):
    page, _, _ = graded
    assert set(page.tasks) == {"q1", "q2", "q3", "q4", "q5", "q6"}
    for task_id, task in page.tasks.items():
        assert task["runs"], task_id
        for name, svg in task["runs"].items():
            pids = [p["pid"] for p in svg["procs"]]
            assert svg["bars"] == len(pids) == len(set(pids)), (task_id, name)
            assert [p["role"] for p in svg["procs"]].count("main") == 1, (task_id, name)
    roles = lambda task, run: sorted(p["role"] for p in page.tasks[task]["runs"][run]["procs"])  # noqa: E731
    assert roles("q6", "call") == ["child"] * 4 + ["main"]
    assert roles("q5", "call") == ["main"] + ["pool worker"] * 4
    assert roles("q3", "call") == ["child", "main"]


def test_processes_run_one_after_another_are_drawn_so(graded):
    page, _, _ = graded
    children = sorted((p for p in page.tasks["q6"]["runs"]["call"]["procs"] if p["role"] == "child"),
                      key=lambda p: p["start"])
    for before, after in zip(children, children[1:]):
        assert before["joins"] and after["start"] >= min(before["joins"]), "each starts after the last was joined"
        assert after["start"] >= before["end"]
    assert all(len(p["prints"]) == 1 for p in children)


def test_a_process_never_joined_stands_out(graded):
    page, _, done = graded
    child = next(p for p in page.tasks["q3"]["runs"]["call"]["procs"] if p["role"] == "child")
    assert child["never_joined"] and not child["joins"]
    joined = [p for p in page.tasks["q1"]["runs"]["call"]["procs"] if p["role"] == "child"]
    assert joined and not any(p["never_joined"] for p in joined)
    text = done.stderr.splitlines()
    call = text.index(next(line for line in text if "call: calling create_process()" in line))
    assert "never joined" in text[call + 2] and "never joined" not in text[call + 1]


def test_failed_checks_show_expected_observed_and_hint(graded):
    page, _, _ = graded
    failed = page.tasks["q6"]["failed"]
    assert set(failed) == {"started_before_joined"}
    why = failed["started_before_joined"]
    assert set(why) == {"expected", "observed", "hint"}
    assert "one after another" in why["observed"] and "two loops" in why["hint"]
    assert set(page.tasks["q3"]["failed"]) >= {"child_joined"}


def test_the_page_loads_nothing_from_elsewhere(graded):
    _, html, _ = graded
    text = html.read_text()
    for outside in ("<script", "<link", "<img", "http://", "https://", "url("):
        assert outside not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_timeline_of_a_real_run_matches_its_record():
    """Four processes started together: one bar per process of the record, all started before any join."""
    record = run(RunSpec(function="run_four_processes", start_method="fork"), SOLUTIONS / "q6_four_processes.py",
                 Limits(time_limit=10))
    timeline = run_timeline("call", "calling run_four_processes()", record)
    json.dumps(timeline)  # kept in the Report: must be plain data
    page = Page()
    page.feed('<section class="task" data-task="q6">' + _svg_text(timeline) + "</section>")
    procs = page.tasks["q6"]["runs"]["call"]["procs"]
    assert sorted(p["pid"] for p in procs) == sorted([record.main_pid] + [p.pid for p in record.all_processes()])
    children = [p for p in procs if p["role"] == "child"]
    assert len(children) == 4
    assert max(p["start"] for p in children) <= min(j for p in children for j in p["joins"])
    lines = text_timeline(timeline)
    assert len(lines) == 1 + 5 and all(line.count("J") == 1 for line in lines[2:])


def test_a_process_left_running_is_drawn_to_the_end_and_said_to_be_stopped(tmp_path):
    task = tmp_path / "q3_create_process.py"
    task.write_text(Q3.replace('    print("Child process running.")\n',
                               '    print("Child process running.", flush=True)\n    import time\n    time.sleep(60)\n')
                    .replace("    process.join()\n", ""))
    record = run(RunSpec(function="create_process", start_method="fork"), task, Limits(time_limit=10))
    timeline = run_timeline("call", "calling create_process()", record)
    child = next(row for row in timeline["processes"] if row["role"] == "child")
    assert child["still_running"] and child["never_joined"] and child["end"] == timeline["duration"]
    assert len(child["prints"]) == 1
    page = Page()
    page.feed('<section class="task" data-task="q3">' + _svg_text(timeline) + "</section>")
    assert page.tasks["q3"]["runs"]["call"]["bars"] == 2
    assert "stopped by the grader" in text_timeline(timeline)[2]


def _svg_text(timeline) -> str:
    import xml.etree.ElementTree as ET

    return ET.tostring(timeline_svg(timeline, "q6"), encoding="unicode", method="html")


def _png_pixels_vary(path: Path) -> bool:
    """True when a PNG screenshot is not one flat colour (a blank page)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    idat, pos = b"", 8
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + size]
        pos += 12 + size
    return len(set(zlib.decompress(idat))) > 16


def test_report_renders_in_headless_chromium(graded, tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("no Chromium installed (optional: the parse-based tests above check the report)")
    _, html, _ = graded
    shot = tmp_path / "report.png"
    subprocess.run([browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--window-size=1000,1400", f"--screenshot={shot}", html.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.is_file() and _png_pixels_vary(shot)


def test_public_only_shows_no_timeline_of_a_run_only_hidden_checks_read():
    """Q5's hidden check runs square_all on hidden numbers: --public-only must not draw that run."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", str(KIT / "graders" / "test_q5_worker_pool.py"), "--submission",
         str(SOLUTIONS), "--public-only", "--timeline"], cwd=KIT, capture_output=True, text=True, timeout=300)
    assert "call: calling square_all([1, 2, 3, 4, 5])" in done.stdout, done.stdout[-2000:]
    assert "other:" not in done.stdout and "[10, -3" not in done.stdout


def test_a_file_that_does_not_import_gets_no_spawn_tip(tmp_path):
    """`true` in ANSWERS: the file fails to import under every start method, so
    works_under_spawn must not suggest a spawn-only cause; the quiz says what `true` is."""
    source = (SOLUTIONS / "q1_multiprocessing.py").read_text()
    assert source.count('"separate_memory": True,') == 1
    (tmp_path / "q1_multiprocessing.py").write_text(source.replace('"separate_memory": True,', '"separate_memory": true,'))
    said = {t["extra_data"]["check"]: t["output"] for t in grade(tmp_path)["tests"] if t["extra_data"]["task"] == "q1"}
    assert "NameError: name 'true' is not defined" in said["works_under_spawn"]
    assert "works under fork" not in said["works_under_spawn"]
    assert "NameError" in said["quiz_separate_memory"] and "Think again" not in said["quiz_separate_memory"]


def test_a_public_check_names_a_hidden_run_without_its_inputs():
    """no_leftover_processes (public) looks at every run, the hidden ones too:
    its message says "one of the hidden tests", never the hidden inputs."""
    import importlib.util

    from mpkit.kit.manifest import load_manifest
    from mpkit.engine.scheduler import Scheduler
    from mpkit.engine.task_runs import TaskRuns

    manifest = load_manifest(KIT / "config" / "manifest.yaml")
    task = manifest.task("q5")
    spec = importlib.util.spec_from_file_location("q5_grader_under_test", task.grader)
    grader = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(grader)
    runs = TaskRuns(task, grader.RUNS, Scheduler(SOLUTIONS, manifest=manifest))
    assert runs.hidden_runs == {"other"}
    hidden_inputs = ", ".join(map(str, grader.OTHER))
    assert hidden_inputs in runs.spec("other").describe()  # what an instructor's own tools may show
    assert hidden_inputs not in runs.describe("other") and "hidden" in runs.describe("other")
    assert runs.describe("call") == runs.spec("call").describe()
