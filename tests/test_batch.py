"""`mpkit grade --batch`: a class of correct, wrong and broken submissions, graded end to end.

Most submissions hold one or two task files (the others are missing), so the
batch stays quick while still mixing every kind of outcome.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil

import pytest
import yaml
from conftest import EXERCISES, SOLUTIONS, copy_kit, mpkit

from mpkit.courses.batch import BatchOptions, grade_batch
from mpkit.report.progress import Bar, LogLines

Q1, Q3, Q4, Q5, Q6 = (
    "q1_multiprocessing.py", "q3_create_process.py", "q4_pool.py", "q5_worker_pool.py", "q6_four_processes.py",
)
SOLVED, STUB = "solution", "stub"

Q3_HEAD = "import multiprocessing\n\ndef my_process_func():\n    print('Child process running.')\n\n"
BROKEN_Q3 = {
    "syntax_error": "def create_process(:\n    pass\n",
    "raises_on_import": "import multiprocessing\nraise RuntimeError('oops')\n",
    "no_function": "import multiprocessing\n",
    "hangs": Q3_HEAD + "def create_process():\n    multiprocessing.Queue().get()\n",
    "child_raises": "import multiprocessing\n\ndef my_process_func():\n    raise ValueError('no')\n\n"
                    "def create_process():\n    p = multiprocessing.Process(target=my_process_func)\n"
                    "    p.start()\n    p.join()\n    return p\n",
    "exits_abruptly": "import os\n\ndef my_process_func():\n    pass\n\ndef create_process():\n    os._exit(3)\n",
    "parent_prints": "def my_process_func():\n    print('Child process running.')\n\n"
                     "def create_process():\n    my_process_func()\n",
}
Q5_TWO_WORKERS = (
    "import multiprocessing\n\ndef worker_function(x):\n    return x * x\n\n"
    "def square_all(numbers):\n    with multiprocessing.Pool(2) as pool:\n        return pool.map(worker_function, numbers)\n\n"
    "if __name__ == '__main__':\n    print(square_all([1, 2, 3, 4, 5]))\n"
)
Q6_ONE_AFTER_ANOTHER = (
    "import multiprocessing, os\n\ndef print_number(n):\n    print(f'Process ID: {os.getpid()} - Number: {n}', flush=True)\n\n"
    "def run_four_processes():\n    procs = []\n    for n in range(1, 5):\n"
    "        p = multiprocessing.Process(target=print_number, args=(n,))\n        p.start()\n        p.join()\n"
    "        procs.append(p)\n    return procs\n\nif __name__ == '__main__':\n    run_four_processes()\n"
)

# student -> {task file: SOLVED | STUB | source}; a "dir/" prefix puts the file in a subfolder.
CLASS = {
    "s01_all_correct": {f.name: SOLVED for f in SOLUTIONS.glob("*.py")},
    "s02_all_stubs": {f.name: STUB for f in EXERCISES.glob("*.py")},
    "s03_q3_only": {Q3: SOLVED},
    "s04_nested_upload": {"hw/final/" + Q3: SOLVED, "__MACOSX/" + Q3: BROKEN_Q3["syntax_error"]},
    "s05_empty": {},
    "s06_unrelated_files": {"notes.txt": "my answers are in my head\n"},
    "s07_q4_q6": {Q4: SOLVED, Q6: SOLVED},
    "s08_q1_stub": {Q1: STUB},
    "s09_q5_two_workers": {Q5: Q5_TWO_WORKERS},
    "s10_q6_one_after_another": {Q6: Q6_ONE_AFTER_ANOTHER},
    **{f"s{11 + i:02d}_q3_{name}": {Q3: source} for i, (name, source) in enumerate(BROKEN_Q3.items())},
    "s18_q5_correct": {Q5: SOLVED},
    "s19_q3_q5_stubs": {Q3: STUB, Q5: STUB},
    "s20_q1_correct": {Q1: SOLVED},
    "s21_q3_correct_q6_sequential": {Q3: SOLVED, Q6: Q6_ONE_AFTER_ANOTHER},
}

# The gradebook we expect: task scores q1..q6 (the max per task: 8, 12, 8, 13, 11, 13; total 65).
EXPECTED = {
    "s01_all_correct": (8, 12, 8, 13, 11, 13),
    "s02_all_stubs": (0, 0, 0, 0, 0, 0),
    "s03_q3_only": (0, 0, 8, 0, 0, 0),
    "s04_nested_upload": (0, 0, 8, 0, 0, 0),
    "s05_empty": (0, 0, 0, 0, 0, 0),
    "s06_unrelated_files": (0, 0, 0, 0, 0, 0),
    "s07_q4_q6": (0, 0, 0, 13, 0, 13),
    "s08_q1_stub": (0, 0, 0, 0, 0, 0),
    "s09_q5_two_workers": (0, 0, 0, 0, 9, 0),
    "s10_q6_one_after_another": (0, 0, 0, 0, 0, 11),
    "s11_q3_syntax_error": (0, 0, 0, 0, 0, 0),
    "s12_q3_raises_on_import": (0, 0, 0, 0, 0, 0),
    "s13_q3_no_function": (0, 0, 0, 0, 0, 0),
    "s14_q3_hangs": (0, 0, 0, 0, 0, 0),
    "s15_q3_child_raises": (0, 0, 3, 0, 0, 0),
    "s16_q3_exits_abruptly": (0, 0, 0, 0, 0, 0),
    "s17_q3_parent_prints": (0, 0, 1, 0, 0, 0),
    "s18_q5_correct": (0, 0, 0, 0, 11, 0),
    "s19_q3_q5_stubs": (0, 0, 0, 0, 0, 0),
    "s20_q1_correct": (8, 0, 0, 0, 0, 0),
    "s21_q3_correct_q6_sequential": (0, 0, 8, 0, 0, 11),
}


def write_class(folder):
    for student, files in CLASS.items():
        target = folder / student
        target.mkdir(parents=True)
        for name, content in files.items():
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if content == SOLVED:
                shutil.copy(SOLUTIONS / path.name, path)
            elif content == STUB:
                shutil.copy(EXERCISES / path.name, path)
            else:
                path.write_text(content, encoding="utf-8")
    return folder


def kit_with_short_q3_limit(folder):
    """The kit, with 3 s for q3 (the task whose variants hang) and the usual limit elsewhere,
    so correct code under spawn on a loaded machine is not cut short."""
    kit = copy_kit(folder)
    path = kit / "config" / "manifest.yaml"
    data = yaml.safe_load(path.read_text())
    next(t for t in data["tasks"] if t["id"] == "q3")["time_limit"] = 3
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return kit


def read_grades(results):
    with open(results / "grades.csv", newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def batch(kit, submissions, results, *extra):
    return mpkit("--kit", kit, "grade", "--batch", submissions, "--out", results, *extra)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The class graded once with --jobs 2: (kit, submissions, results, first run)."""
    root = tmp_path_factory.mktemp("batch")
    kit = kit_with_short_q3_limit(root / "kit")
    submissions = write_class(root / "submissions")
    results = root / "results"
    done = batch(kit, submissions, results, "--jobs", "2")
    assert done.returncode == 0, done.stderr
    return kit, submissions, results, done


def test_gradebook_has_the_expected_score_of_every_task(graded):
    *_, results, _ = graded
    rows = read_grades(results)
    assert rows[0] == ["student", "q1", "q2", "q3", "q4", "q5", "q6", "total", "max"]
    got = {row[0]: tuple(int(float(x)) for x in row[1:7]) for row in rows[1:]}
    assert got == EXPECTED
    for row in rows[1:]:
        assert float(row[7]) == sum(EXPECTED[row[0]]) and row[8] == "65"


def test_each_student_gets_a_gradescope_results_json(graded):
    *_, results, _ = graded
    for student, scores in EXPECTED.items():
        data = json.loads((results / student / "results.json").read_text())
        assert data["score"] == sum(scores)
        assert len(data["tests"]) == 55  # every check, graded or not
    hang = json.loads((results / "s14_q3_hangs" / "results.json").read_text())
    said = {t["extra_data"]["check"]: t["output"] for t in hang["tests"] if t["extra_data"]["task"] == "q3"}
    assert "was still running after 3 s" in said["child_joined"]
    missing = json.loads((results / "s05_empty" / "results.json").read_text())
    q3 = next(t for t in missing["tests"] if t["extra_data"]["task"] == "q3")
    assert "there is no q3_create_process.py" in q3["output"]


def test_summary_table_shows_mean_full_marks_and_most_failed_check(graded):
    *_, done = graded
    lines = done.stdout.splitlines()
    q3 = next(line for line in lines if line.startswith("q3 "))
    # q3 full marks: s01, s03, s04, s21; mean (8*4 + 3 + 1) / 21.
    assert "1.71 / 8" in q3 and "4 of 21" in q3
    q5 = next(line for line in lines if line.startswith("q5 "))
    # Everyone but s01 and s18 misses pool_of_four; s09's squares are right but with 2 workers.
    assert "2 of 21" in q5 and "pool_of_four (19 of 21)" in q5
    assert "21 submissions: 21 graded now, 0 unchanged" in done.stdout


def test_nested_upload_is_found_and_reported(graded):
    *_, done = graded
    assert "s04_nested_upload: q3_create_process.py: found in hw/final/" in done.stderr


def test_log_lines_when_not_on_a_terminal(graded):
    *_, done = graded
    assert "\r" not in done.stderr
    assert "] s01_all_correct: 65 / 65 (new;" in done.stderr


def test_rerun_grades_nothing_and_keeps_the_gradebook(graded):
    kit, submissions, results, _ = graded
    before = {p: p.stat().st_mtime_ns for p in results.glob("*/results.json")}
    grades = read_grades(results)
    done = batch(kit, submissions, results)
    assert done.returncode == 0, done.stderr
    assert "0 graded now, 21 unchanged" in done.stdout
    assert {p: p.stat().st_mtime_ns for p in results.glob("*/results.json")} == before
    assert read_grades(results) == grades


def test_changing_one_submission_regrades_only_it(graded):
    kit, submissions, results, _ = graded
    shutil.copy(SOLUTIONS / Q5, submissions / "s09_q5_two_workers" / Q5)
    done = batch(kit, submissions, results)
    assert done.returncode == 0, done.stderr
    assert "1 graded now, 20 unchanged" in done.stdout
    assert "s09_q5_two_workers: 11 / 65 (its files changed;" in done.stderr
    row = next(r for r in read_grades(results) if r[0] == "s09_q5_two_workers")
    assert row[5] == "11"


def test_one_job_and_two_jobs_give_the_same_gradebook(graded, tmp_path):
    kit, submissions, results, _ = graded
    assert batch(kit, submissions, results, "--jobs", "2").returncode == 0  # up to date with any change above
    done = batch(kit, submissions, tmp_path / "serial", "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert read_grades(tmp_path / "serial") == read_grades(results)


def test_a_grading_that_overruns_is_stopped_and_scored_as_not_graded(tmp_path):
    kit = copy_kit(tmp_path / "kit", time_limit=3)
    submissions = tmp_path / "subs"
    (submissions / "hangs").mkdir(parents=True)
    (submissions / "hangs" / Q3).write_text(BROKEN_Q3["hangs"])
    log = io.StringIO()
    options = BatchOptions(kit=kit, submissions=submissions, out=tmp_path / "out", jobs=1, deadline=2)
    result = grade_batch(options, LogLines(log))
    assert result.failed == ["hangs"]
    data = json.loads((tmp_path / "out" / "hangs" / "results.json").read_text())
    assert data["score"] == 0
    assert all("could not be graded: grading did not finish within 2 s" in t["output"] for t in data["tests"])
    assert "NOT GRADED" in log.getvalue()
    # Next time it is graded again, and says why.
    again = grade_batch(BatchOptions(kit=kit, submissions=submissions, out=tmp_path / "out", jobs=1), LogLines(log))
    assert again.failed == [] and "the last grading did not finish" in log.getvalue()


def test_user_mistakes_give_one_line(tmp_path):
    (tmp_path / "subs").mkdir()
    done = mpkit("grade", "--batch", tmp_path / "subs", "--out", tmp_path / "out")
    assert done.returncode == 2 and done.stderr.strip().endswith("no submission folders in it (one subfolder per student)")
    done = mpkit("grade", "--batch", tmp_path / "subs", "--out", tmp_path / "subs" / "results")
    assert done.returncode == 2 and "must not be inside" in done.stderr
    done = mpkit("grade", "--batch", tmp_path / "subs")
    assert done.returncode == 2 and "--out RESULTS_DIR is required" in done.stderr


def test_progress_bar_on_a_terminal_redraws_in_place():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    bar = Bar(screen)
    bar.start(4, "grading")
    bar.advance("s1: 3 / 65")
    bar.note("s2: NOT GRADED")
    bar.advance()
    bar.finish()
    text = screen.getvalue()
    assert "\r\033[K[###############---------------] 2/4" in text
    assert "s2: NOT GRADED\n" in text and "s1: 3 / 65" not in text


def test_a_changed_grader_regrades_everyone_and_force_regrades_anyway(tmp_path):
    kit = copy_kit(tmp_path / "kit")
    submissions = tmp_path / "subs"
    for student in ("ann", "ben"):
        (submissions / student).mkdir(parents=True)  # empty: quick to grade
    out = tmp_path / "out"
    assert "2 graded now" in batch(kit, submissions, out).stdout
    with open(kit / "graders" / "test_q3_create_process.py", "a") as f:
        f.write("\n# a changed grader\n")
    done = batch(kit, submissions, out)
    assert "2 graded now" in done.stdout and "ann: 0 / 65 (the kit changed" in done.stderr
    done = batch(kit, submissions, out, "--force")
    assert "2 graded now" in done.stdout and "ben: 0 / 65 (forced;" in done.stderr
    shutil.rmtree(submissions / "ben")  # a student who withdrew
    done = batch(kit, submissions, out)
    assert "0 graded now, 1 unchanged" in done.stdout
    assert "no submission any more (results kept): ben" in done.stdout
    assert [row[0] for row in read_grades(out)] == ["student", "ann"]


def test_interrupting_the_batch_stops_every_grading(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    import psutil

    kit = copy_kit(tmp_path / "kit", time_limit=30)
    submissions = tmp_path / "subs"
    for student in ("ann", "ben"):
        (submissions / student).mkdir(parents=True)
        (submissions / student / Q3).write_text(BROKEN_Q3["hangs"])
    scratch = tmp_path / "tmp"  # the batch's temporary files: none may be left
    scratch.mkdir()
    batch = subprocess.Popen(
        [sys.executable, "-m", "mpkit.cli", "--kit", str(kit), "grade", "--batch", str(submissions),
         "--out", str(tmp_path / "out"), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ, TMPDIR=str(scratch)),
    )
    def sandboxed_runs():
        found = []  # processes of runs (not the launcher, which carries no run token)
        for proc in psutil.Process(batch.pid).children(recursive=True):
            try:
                if "MPKIT_RUN_TOKEN" in proc.environ():
                    found.append(proc)
            except psutil.Error:
                pass
        return found

    deadline = time.monotonic() + 60
    runs: list = []
    while not runs and time.monotonic() < deadline:  # wait until student code is running
        time.sleep(0.2)
        runs = sandboxed_runs()
    assert runs, "no sandboxed run started"
    batch.send_signal(signal.SIGINT)
    out, err = batch.communicate(timeout=60)
    assert batch.returncode == 130 and err.strip().endswith("mpkit: interrupted")
    assert not [p for p in runs if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert not list(scratch.iterdir())


def test_html_report_for_each_student(tmp_path):
    kit = copy_kit(tmp_path / "kit")
    submissions = tmp_path / "subs"
    (submissions / "ann").mkdir(parents=True)
    shutil.copy(SOLUTIONS / Q3, submissions / "ann" / Q3)
    done = batch(kit, submissions, tmp_path / "out", "--html", "report.html")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "out" / "ann" / "report.html").read_text()
    assert page.lstrip().lower().startswith("<!doctype html") and "q3" in page
    done = batch(kit, submissions, tmp_path / "out", "--html", "../report.html")
    assert done.returncode == 2 and "give a file name such as report.html" in done.stderr


def test_a_broken_grader_is_reported_as_not_graded_not_as_zero(tmp_path):
    kit = copy_kit(tmp_path / "kit")
    (kit / "graders" / "test_q3_create_process.py").write_text("def broken(:\n")
    (tmp_path / "subs" / "ann").mkdir(parents=True)
    done = batch(kit, tmp_path / "subs", tmp_path / "out")
    assert done.returncode == 3
    assert "ann: 0 / 65 (new;" in done.stderr and "NOT GRADED: `mpkit grade` ended with exit code" in done.stderr
    assert "1 could not be graded (see their grading.log): ann" in done.stdout
    data = json.loads((tmp_path / "out" / "ann" / "results.json").read_text())
    assert data["score"] == 0 and all(t["extra_data"]["result"] == "error" for t in data["tests"])
    assert (tmp_path / "out" / "ann" / "grading.log").read_text().strip()
