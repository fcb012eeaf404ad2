"""`mpkit nbgrader` makes an assignment that nbgrader's own commands grade right.

One course is built for the module (a kit copy with 3 s time limits, so a
hang costs little); three students are autograded with the real nbgrader:
the solution notebook, the released notebook unchanged, and a notebook with
some tasks right, one task hanging, one task's code removed, one check and
one quiz answer wrong.
"""
from __future__ import annotations

import ast
import csv
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import KIT, copy_kit, mpkit
from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

from mpkit.kit.manifest import load_manifest
from mpkit.courses.nbgrader.parts import split_solution
from mpkit.kit.stubs import BEGIN, END, STUB_LINE

NAME = "mp"
TIME_LIMIT = 3
HANG_Q3 = '''\
%%writefile q3_create_process.py
import multiprocessing
import time


def my_process_func():
    print("Child process running.", flush=True)
    time.sleep(3600)


def create_process():
    process = multiprocessing.Process(target=my_process_func)
    process.start()
    process.join()
    return process


if __name__ == "__main__":
    create_process()
'''


def nbgrader(course: Path, *args, timeout: float = 400) -> subprocess.CompletedProcess:
    """Run the real `nbgrader` in the course folder (it calls `alembic` from PATH)."""
    env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env,
                          capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return done


def cell(nb, grade_id: str):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def submit(course: Path, student: str, nb) -> None:
    folder = course / "submitted" / student / NAME
    folder.mkdir(parents=True)
    nbformat.write(nb, str(folder / f"{NAME}.ipynb"))


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("nbgrader")
    kit = copy_kit(root / "kit", time_limit=TIME_LIMIT)
    course = root / "course"
    done = mpkit("--kit", kit, "nbgrader", course, "--assignment", NAME)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    ran_source_notebook(course / "source" / NAME)
    nbgrader(course, "generate_assignment", NAME)
    return course


def ran_source_notebook(folder: Path) -> None:
    """What the instructor's run of the source notebook leaves: the files its cells write."""
    nb = nbformat.read(str(folder / f"{NAME}.ipynb"), as_version=4)
    for c in nb.cells:
        if c.cell_type == "code" and c.source.startswith("%%writefile "):
            magic, body = c.source.split("\n", 1)
            (folder / magic.split()[1]).write_text(body)


@pytest.fixture(scope="module")
def manifest(course):
    return load_manifest(course / "mpkit_kit" / "config" / "manifest.yaml")


@pytest.fixture(scope="module")
def source_nb(course):
    return nbformat.read(str(course / "source" / NAME / f"{NAME}.ipynb"), as_version=4)


@pytest.fixture(scope="module")
def released_nb(course):
    return nbformat.read(str(course / "release" / NAME / f"{NAME}.ipynb"), as_version=4)


@pytest.fixture(scope="module")
def graded(course, source_nb, released_nb):
    """Three students autograded and exported; returns their grades.csv rows and notebooks."""
    submit(course, "solution", source_nb)
    submit(course, "stub", released_nb)
    partial = nbformat.from_dict(source_nb)
    quiz = cell(partial, "q1_quiz")
    head, _, answered = quiz.source.rpartition("### BEGIN SOLUTION")
    quiz.source = head + "### BEGIN SOLUTION" + answered.replace(
        '"child_changes_parent_globals": False', '"child_changes_parent_globals": True')
    cell(partial, "q3_code").source = HANG_Q3
    q5 = cell(partial, "q5_code")
    assert "processes=4" in q5.source
    q5.source = q5.source.replace("processes=4", "processes=2")
    # No %%writefile for Q6: the instructor's q6 file left in source/ must not stand in for it.
    cell(partial, "q6_code").source = "# (the student removed this code)\n"
    submit(course, "partial", partial)
    nbgrader(course, "autograde", NAME)  # every submitted student, one after another
    nbgrader(course, "export")
    with open(course / "grades.csv", newline="") as f:
        rows = {row["student_id"]: row for row in csv.DictReader(f)}
    notebooks = {
        student: nbformat.read(str(course / "autograded" / student / NAME / f"{NAME}.ipynb"), as_version=4)
        for student in rows
    }
    return rows, notebooks


def test_notebook_cells_have_valid_nbgrader_metadata(source_nb):
    nbformat.validate(source_nb)
    MetadataValidatorV3().validate_nb(source_nb)
    kinds = {(m["grade"], m["solution"], m["locked"])
             for m in (c.metadata["nbgrader"] for c in source_nb.cells if "nbgrader" in c.metadata)}
    assert kinds == {(False, True, False), (True, False, True), (True, True, False)}
    assert all(c.metadata["nbgrader"]["schema_version"] == 3 for c in source_nb.cells if "nbgrader" in c.metadata)


def test_points_and_cells_follow_the_manifest(source_nb, manifest):
    graded = [c.metadata["nbgrader"] for c in source_nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    tests = [m for m in graded if not m["solution"]]
    written = [m for m in graded if m["solution"]]
    assert len(tests) == sum(len(t.checks) for t in manifest.tasks)
    assert sum(m["points"] for m in tests) == manifest.points
    assert {m["grade_id"]: m["points"] for m in written} == {
        f"{t.id}_explanation": t.explanation_points for t in manifest.tasks if t.explanation_points}
    assert {"q1_explanation", "q2_explanation", "q4_explanation"} == {m["grade_id"] for m in written}


def _solution_lines(task) -> set:
    """Code lines inside the solution's blocks that the stub does not have."""
    lines, inside = set(), False
    for line in task.solution.read_text().splitlines():
        if BEGIN.match(line) or END.match(line):
            inside = bool(BEGIN.match(line))
            continue
        if inside and line.strip() and not STUB_LINE.match(line):
            lines.add(line.strip())
    return lines - {line.strip() for line in task.stub.read_text().splitlines()}


def test_released_notebook_holds_no_solution_no_hidden_test_no_quiz_key(course, released_nb, manifest):
    # The graders and the quiz key stay in the course's mpkit_kit/: only the notebook is released.
    assert [p.name for p in (course / "release" / NAME).iterdir()] == [f"{NAME}.ipynb"]
    text = "\n".join(c.source for c in released_nb.cells)
    released_lines = {line.strip() for line in text.splitlines()}
    for task in manifest.tasks:
        leaked = _solution_lines(task) & released_lines
        assert not leaked, f"{task.id}: solution lines in the released notebook: {leaked}"
        for check in task.checks:
            if check.hidden:
                assert f'"{check.id}"' not in text
        parts = split_solution(task.solution.read_text(), task.solution.name)
        if parts.explanation:
            assert parts.explanation.splitlines()[0] not in text
    assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
    assert "squares_other_inputs" not in text  # a hidden check's id, not even in metadata
    assert "squares_other_inputs" not in str([c.metadata for c in released_nb.cells])


def test_released_quiz_keeps_statements_with_none_answers(released_nb, manifest):
    for task in (t for t in manifest.tasks if t.quiz):
        source = cell(released_nb, f"{task.id}_quiz").source
        body = source.split("\n", 1)[1]  # after the %%writefile line
        answers = [node for node in ast.parse(body).body if isinstance(node, ast.Assign)]
        assert len(answers) == 1
        assert ast.literal_eval(answers[0].value) == {item.key: None for item in task.quiz}
        for item in task.quiz:
            assert item.statement in source


def test_released_code_cells_are_the_exercise_stubs(released_nb, manifest):
    """Apart from nbgrader's own stub line, the code is the stub students get in exercises/."""
    for task in manifest.tasks:
        code = cell(released_nb, f"{task.id}_code").source.split("\n", 1)[1]
        stub = task.stub.read_text()
        assert "raise NotImplementedError()" in code
        for line in code.splitlines():
            if line.strip() not in ("# YOUR CODE HERE", "raise NotImplementedError()"):
                assert line in stub, f"{task.id}: {line!r} is not in {task.stub.name}"


def failed_cells(nb) -> dict:
    """grade_id -> first error line, for the test cells nbgrader scores 0 (an error, or stderr)."""
    failed = {}
    for c in nb.cells:
        meta = c.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            bad = [o for o in c.outputs if o.output_type == "error" or o.get("name") == "stderr"]
            if bad:
                failed[meta["grade_id"]] = (bad[0].get("evalue") or bad[0].get("text", "")).splitlines()[:3]
    return failed


def test_autograded_scores_full_zero_and_exact_partial(graded, manifest, source_nb):
    rows, notebooks = graded
    auto = manifest.points
    manual = sum(t.explanation_points for t in manifest.tasks)
    assert failed_cells(notebooks["solution"]) == {}
    quiz_cell = next(c for c in source_nb.cells if '"quiz_child_changes_parent_globals"' in c.source)
    hidden_q6 = [c for c in source_nb.cells if 'check("q6", ' in c.source and "HIDDEN" in c.source]
    expected = {f"q3_{c.id}" for c in manifest.task("q3").checks}
    expected |= {f"q6_{c.id}" for c in manifest.task("q6").checks if not c.hidden}
    expected |= {c.metadata["nbgrader"]["grade_id"] for c in [quiz_cell, *hidden_q6]}
    expected |= {"q5_pool_of_four"}
    assert set(failed_cells(notebooks["partial"])) == expected, failed_cells(notebooks["partial"])
    q1, q3, q5, q6 = (manifest.task(t) for t in ("q1", "q3", "q5", "q6"))
    partial = auto - q3.points - q6.points - q5.check("pool_of_four").points
    partial -= q1.check("quiz_child_changes_parent_globals").points
    assert {s: float(r["score"]) for s, r in rows.items()} == {"solution": auto, "stub": 0, "partial": partial}
    assert {float(r["max_score"]) for r in rows.values()} == {auto + manual}


def _outputs(nb, grade_id):
    return cell(nb, grade_id).outputs


def test_passing_test_cells_write_nothing(graded, source_nb):
    _, notebooks = graded
    nb = notebooks["solution"]
    for c in nb.cells:
        meta = c.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            assert c.outputs == [], (meta["grade_id"], c.outputs)


def test_failing_test_cell_shows_expected_observed_and_hint(graded):
    _, notebooks = graded
    (error,) = [o for o in _outputs(notebooks["stub"], "q3_one_child") if o.output_type == "error"]
    assert error.ename == "CheckNotPassed"
    assert "NotImplementedError" in error.evalue
    assert all(word in error.evalue for word in ("expected:", "observed:", "hint:"))
    assert not [o for o in _outputs(notebooks["stub"], "q3_one_child") if o.get("name") == "stderr"]


def test_hanging_task_is_stopped_by_the_kit_within_the_cell(graded, manifest):
    """The hang costs q3's checks, inside nbgrader's cell limit; later tasks still score."""
    _, notebooks = graded
    nb = notebooks["partial"]
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not [e for e in errors if "Timeout" in e.ename]
    (stopped,) = [o for o in _outputs(nb, "q3_one_child") if o.output_type == "error"]
    assert f"after {TIME_LIMIT} s and was stopped" in stopped.evalue
    assert _outputs(nb, "q4_results_in_order") == []
    (pool,) = [o for o in _outputs(nb, "q5_pool_of_four") if o.output_type == "error"]
    assert "a pool of 2 worker processes" in pool.evalue


def test_existing_nbgrader_config_is_kept(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    (course / "nbgrader_config.py").write_text("c = get_config()\n# mine\n")
    done = mpkit("nbgrader", course, "--assignment", "week1")
    assert done.returncode == 0
    assert (course / "nbgrader_config.py").read_text() == "c = get_config()\n# mine\n"
    assert "add q1_multiprocessing.py, q1_quiz.py" in done.stderr and "CourseDirectory.ignore" in done.stderr
    assert (course / "source" / "week1" / "week1.ipynb").is_file()
    assert (course / "mpkit_kit" / "config" / "manifest.yaml").is_file()


def test_bad_assignment_name_is_one_line_error(tmp_path):
    done = mpkit("nbgrader", tmp_path / "course", "--assignment", "../x")
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "--assignment" in done.stderr


def test_time_limit_too_long_for_a_cell_is_refused(tmp_path):
    kit = copy_kit(tmp_path / "kit", time_limit=25)
    done = mpkit("--kit", kit, "nbgrader", tmp_path / "course")
    assert done.returncode == 2 and "too long for nbgrader" in done.stderr


def test_top_level_solution_block_is_refused():
    from mpkit.errors import MpkitError

    with pytest.raises(MpkitError, match="top level"):
        split_solution("x = 1\n### BEGIN SOLUTION\ny = 2\n### END SOLUTION\n", "sol.py")


def test_cells_explain_where_the_graders_are_when_missing(tmp_path, monkeypatch):
    from mpkit.courses.nbgrader.cells import GradingUnavailable, check

    monkeypatch.delenv("MPKIT_KIT", raising=False)
    with pytest.raises(GradingUnavailable, match="autogrades"):
        check("q3", "one_child", folder=tmp_path)


def test_removed_code_is_not_replaced_by_the_instructors_file(graded):
    """The source folder holds the solution files a run of the source notebook wrote; nbgrader
    must not copy them into the autograded folder of a student whose notebook writes none."""
    _, notebooks = graded
    (missing,) = [o for o in _outputs(notebooks["partial"], "q6_four_children") if o.output_type == "error"]
    assert "there is no q6_four_processes.py" in missing.evalue


def test_quiz_answers_are_read_not_run(tmp_path):
    """The graded task file is the module plus the last ANSWERS of the quiz file; the
    `raise NotImplementedError()` nbgrader leaves in the quiz file is never added."""
    from mpkit.courses.nbgrader.cells import submission_source

    (tmp_path / "q1_multiprocessing.py").write_text("def child_pid():\n    return 1\n")
    (tmp_path / "q1_quiz.py").write_text(
        'ANSWERS = {"a": None}\nANSWERS = {\n    "a": True,  # my answer\n}\n'
        "# YOUR CODE HERE\nraise NotImplementedError()\n")
    source = submission_source(tmp_path, "q1_multiprocessing.py", "q1_quiz.py")
    assert source.startswith("def child_pid():\n    return 1\n")
    assert source.endswith('ANSWERS = {\n    "a": True,  # my answer\n}\n')
    assert "None" not in source and "raise" not in source
    assert submission_source(tmp_path, "q9_missing.py", None) is None


def test_grading_an_unknown_task_is_a_user_error(tmp_path):
    from mpkit.errors import MpkitError
    from mpkit.courses.nbgrader.grade_task import grade_task

    with pytest.raises(MpkitError, match="no task 'q9'"):
        grade_task(KIT, "q9", tmp_path)
