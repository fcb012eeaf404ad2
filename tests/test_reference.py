"""The reference solutions score full marks; the stubs score zero; stubs come from solutions."""
import json

import pytest
from conftest import EXERCISES, KIT, SOLUTIONS, grade, mpkit, run_graders, statuses

from mpkit.kit.manifest import load_manifest
from mpkit.kit.stubs import drifted, make_stub

MANIFEST = load_manifest(KIT / "config" / "manifest.yaml")


@pytest.fixture(scope="module")
def solution_results():
    return grade(SOLUTIONS)


@pytest.fixture(scope="module")
def stub_results():
    return grade(EXERCISES)


def test_solutions_score_full_marks(solution_results):
    bad = {k: v for k, v in statuses(solution_results).items() if v != "passed"}
    assert not bad
    assert solution_results["score"] == MANIFEST.points


def test_every_manifest_check_is_graded(solution_results):
    graded = set(statuses(solution_results))
    wanted = {f"{t.id}.{c.id}" for t in MANIFEST.tasks for c in t.checks}
    assert graded == wanted


def test_stubs_score_zero_on_every_check(stub_results):
    assert stub_results["score"] == 0
    assert all(v == "failed" for v in statuses(stub_results).values())


def test_stub_feedback_says_what_to_do(stub_results):
    out = {t["name"]: t["output"] for t in stub_results["tests"]}
    text = out["q3: create_process() starts exactly one child process, running my_process_func"]
    assert "NotImplementedError" in text and "expected:" in text and "hint:" in text


def test_results_json_is_gradescope_shaped(solution_results):
    assert set(solution_results) >= {"score", "execution_time", "output", "tests"}
    for test in solution_results["tests"]:
        assert set(test) >= {"name", "score", "max_score", "status", "output", "visibility"}
        assert test["name"].split(":")[0] in {t.id for t in MANIFEST.tasks}
        assert test["status"] in ("passed", "failed")
        assert test["visibility"] in ("visible", "after_published")


def test_hidden_checks_are_not_visible_in_json(solution_results):
    hidden = {f"{t.id}.{c.id}" for t in MANIFEST.tasks for c in t.checks if c.hidden}
    for test in solution_results["tests"]:
        key = f"{test['extra_data']['task']}.{test['extra_data']['check']}"
        assert (test["visibility"] == "after_published") == (key in hidden)


def test_pytest_graders_on_solutions_prints_full_scorecard():
    done = run_graders(SOLUTIONS)
    assert done.returncode == 0, done.stdout[-3000:]
    assert f"TOTAL {MANIFEST.points:g} / {MANIFEST.points:g} points" in done.stdout


def test_pytest_graders_on_stubs_prints_zero_with_feedback():
    done = run_graders(EXERCISES)
    assert done.returncode == 1
    assert f"TOTAL 0 / {MANIFEST.points:g} points" in done.stdout
    assert "expected:" in done.stdout and "observed:" in done.stdout and "hint:" in done.stdout


def test_public_only_leaves_hidden_checks_out():
    done = run_graders(SOLUTIONS, KIT, "--public-only")
    public = sum(c.points for t in MANIFEST.tasks for c in t.checks if not c.hidden)
    assert f"TOTAL {public:g} / {public:g} points" in done.stdout
    assert "Quiz:" not in done.stdout


def test_marker_expression_leaves_hidden_checks_out():
    done = run_graders(SOLUTIONS, KIT, "-m", "not hidden")
    public = sum(c.points for t in MANIFEST.tasks for c in t.checks if not c.hidden)
    assert f"TOTAL {public:g} / {public:g} points" in done.stdout


def test_exercises_are_the_stubs_made_from_the_solutions():
    assert drifted(MANIFEST) == []


def test_stubs_keep_no_solution_and_no_answer():
    for task in MANIFEST.tasks:
        stub = task.stub.read_text()
        assert "### BEGIN SOLUTION" not in stub and "### STUB" not in stub
        for item in task.quiz:
            assert f'"{item.key}": None,' in stub
            assert item.statement in stub


def test_stub_maker_replaces_blocks_and_lines():
    source = (
        "def f():\n"
        "    ### BEGIN SOLUTION\n"
        "    return 1\n"
        "    ### END SOLUTION\n"
        "X = 3  ### STUB: X = None\n"
        "### BEGIN SOLUTION\n"
        "### STUB: Y = ''\n"
        "Y = 'answer'\n"
        "### END SOLUTION\n"
    )
    stub = make_stub(source)
    assert "return 1" not in stub and "answer" not in stub
    assert "    raise NotImplementedError\n" in stub
    assert "X = None\n" in stub and "Y = ''\n" in stub


@pytest.mark.parametrize(
    "source, problem",
    [
        ("### BEGIN SOLUTION\nx = 1\n", "never closed"),
        ("x = 1\n### END SOLUTION\n", "without a ### BEGIN SOLUTION"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION\n", "inside another block"),
    ],
)
def test_stub_maker_rejects_broken_markers(source, problem):
    from mpkit.errors import MpkitError

    with pytest.raises(MpkitError, match=problem):
        make_stub(source, "sol.py")


def test_stubs_check_command_reports_drift(tmp_path):
    from conftest import copy_kit

    kit = copy_kit(tmp_path / "kit")
    assert mpkit("--kit", kit, "stubs", "--check").returncode == 0
    stub = kit / "exercises" / "q3_create_process.py"
    stub.write_text(stub.read_text() + "\n# edited by hand\n")
    done = mpkit("--kit", kit, "stubs", "--check")
    assert done.returncode == 1 and "q3_create_process.py" in done.stderr
    assert mpkit("--kit", kit, "stubs").returncode == 0
    assert mpkit("--kit", kit, "stubs", "--check").returncode == 0


def test_grade_writes_json_to_out_file(tmp_path):
    out = tmp_path / "results.json"
    done = mpkit("grade", SOLUTIONS, "--out", out)
    assert done.returncode == 0 and done.stdout == ""
    assert json.loads(out.read_text())["score"] == MANIFEST.points
