"""`mpkit release`: the student bundle holds no secret, installs, and grades its public checks."""
from __future__ import annotations

import ast
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml
from conftest import KIT, SOLUTIONS, copy_kit, mpkit

from mpkit.errors import MpkitError
from mpkit.kit.manifest import load_manifest, quiz_check_id

MANIFEST = load_manifest(KIT / "config" / "manifest.yaml")
PUBLIC = {(t.id, c.id) for t in MANIFEST.tasks for c in t.checks if not c.hidden}
HIDDEN = [(t, c) for t in MANIFEST.tasks for c in t.checks if c.hidden]
PUBLIC_POINTS = sum(c.points for t in MANIFEST.tasks for c in t.checks if not c.hidden)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "bundle"
    done = mpkit("--kit", KIT, "release", out)
    assert done.returncode == 0, done.stderr
    return out


def bundle_texts(bundle: Path) -> dict:
    texts = {}
    for path in bundle.rglob("*"):
        if path.is_file():
            try:
                texts[path.relative_to(bundle)] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                texts[path.relative_to(bundle)] = path.read_bytes().decode("latin-1")
    return texts


def solution_block_lines(task) -> list[list[str]]:
    """Each solution block as its lines, without the markers and the lines the stub has too."""
    stub = {line.strip() for line in task.stub.read_text().splitlines()}
    blocks = re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", task.solution.read_text(), re.S)
    return [
        [line.strip() for line in block.splitlines()
         if line.strip() and "### STUB" not in line and line.strip() not in stub]
        for block in blocks
    ]


def test_bundle_holds_no_solution_hidden_check_or_answer_key(bundle):
    texts = bundle_texts(bundle)
    everything = "\n".join(texts.values())
    every_line = {line.strip() for text in texts.values() for line in text.splitlines()}
    squeezed = "\n".join(line.strip() for line in everything.splitlines() if line.strip())
    for task in MANIFEST.tasks:
        for block in solution_block_lines(task):
            if len(block) > 1:
                assert "\n".join(block) not in squeezed, (task.id, block)
            for line in block:
                if len(line) >= 16:  # `child.join()` alone gives nothing away; whole blocks are checked above
                    assert line not in every_line, (task.id, line)
        for item in task.quiz:
            for path, text in texts.items():
                assert not re.search(rf"{item.key}\W+(True|False)\b", text), (path, item.key)
                assert not re.search(rf"{item.key}\b.{{0,300}}?answer\s*:", text, re.S), (path, item.key)
    for task, check in HIDDEN:
        assert check.id not in everything, (task.id, check.id)
        assert check.description not in everything, (task.id, check.id)
    assert "[10, -3, 0, 7, 12, 6, 2, 9]" not in everything  # q5's hidden input went with its check
    assert not (bundle / "solutions").exists() and not (bundle / "tests").exists()


def test_bundle_has_stubs_public_graders_library_and_instructions(bundle):
    for task in MANIFEST.tasks:
        assert (bundle / "exercises" / task.file).read_text() == task.stub.read_text()
        assert (bundle / "graders" / task.grader.name).is_file()
    for name in ("graders/pytest.ini", "pyproject.toml", "README.md", "src/mpkit/engine/plugin.py",
                 "src/mpkit/sandbox/boot/sitecustomize.py", ".github/workflows/classroom.yml"):
        assert (bundle / name).is_file(), name
    readme = (bundle / "README.md").read_text()
    assert "pytest graders/" in readme and "exercises/q6_four_processes.py" in readme


def test_bundle_graders_test_exactly_the_public_checks(bundle):
    found = set()
    for task in MANIFEST.tasks:
        tree = ast.parse((bundle / "graders" / task.grader.name).read_text())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                assert "quiz_key" not in [a.arg for a in node.args.args], f"{task.id}: the quiz test is hidden"
                for dec in node.decorator_list:
                    if isinstance(dec, ast.Call) and getattr(dec.func, "id", None) == "check":
                        found.add((task.id, dec.args[0].value))
    assert found == PUBLIC


def test_helpers_only_hidden_tests_used_are_left_out_and_the_rest_kept_verbatim(bundle):
    q5 = (bundle / "graders" / "test_q5_worker_pool.py").read_text()
    assert "OTHER" not in q5 and '"other"' not in q5
    assert '"call": RunSpec(function="square_all", args=(NUMBERS,), watch_calls=WATCH),' in q5
    q6 = (bundle / "graders" / "test_q6_four_processes.py").read_text()
    assert "returned_value" not in q6  # imported only for the hidden check
    original = (KIT / "graders" / "test_q6_four_processes.py").read_text()
    start = original.index('@check("started_before_joined")')
    kept = original[start:original.index('@check("returns_processes")')]
    assert kept in q6  # comments and layout of what stays are untouched


def test_bundle_manifest_is_a_student_edition(bundle):
    student = load_manifest(bundle / "config" / "manifest.yaml")
    assert student.edition == "student"
    assert {(t.id, c.id) for t in student.tasks for c in t.checks} == PUBLIC
    assert all(t.solution is None for t in student.tasks)
    quiz = [q for t in student.tasks for q in t.quiz]
    assert quiz and all(q.answer is None for q in quiz)
    assert [q.key for q in quiz] == [q.key for t in MANIFEST.tasks for q in t.quiz]


def _edited(tmp_path, change) -> Path:
    path = tmp_path / "config" / "manifest.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load((KIT / "config" / "manifest.yaml").read_text())
    for part in ("exercises", "graders"):
        shutil.copytree(KIT / part, tmp_path / part, dirs_exist_ok=True)
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def _student(data):
    data["edition"] = "student"
    for task in data["tasks"]:
        task.pop("solution")
        task["checks"] = [c for c in task["checks"] if c.get("visibility") != "hidden"]
        for item in task.get("quiz", []):
            item.pop("answer")


@pytest.mark.parametrize("change, where, words", [
    (lambda d: d["tasks"][0]["quiz"][1].update(answer=True), "tasks[0].quiz[1].answer", "must not hold quiz answers"),
    (lambda d: d["tasks"][4]["checks"][0].update(visibility="hidden"), "tasks[4].checks[0].visibility",
     "must not hold hidden checks"),
    (lambda d: d["tasks"][2].update(solution="solutions/q3_create_process.py"), "tasks[2].solution",
     "must not name a solution"),
])
def test_a_student_edition_with_a_secret_is_refused(tmp_path, change, where, words):
    path = _edited(tmp_path, lambda d: (_student(d), change(d)))
    with pytest.raises(MpkitError, match=re.escape(f"{where}: ") + ".*" + words):
        load_manifest(path)


def test_an_instructor_manifest_still_needs_every_quiz_answer(tmp_path):
    (tmp_path / "solutions").mkdir()
    for path in SOLUTIONS.glob("*.py"):
        shutil.copy(path, tmp_path / "solutions")
    path = _edited(tmp_path, lambda d: d["tasks"][1]["quiz"][2].pop("answer"))
    with pytest.raises(MpkitError, match=r"tasks\[1\]\.quiz\[2\]\.answer: missing"):
        load_manifest(path)


def test_stubs_cannot_be_made_in_a_bundle(bundle):
    done = mpkit("--kit", bundle, "stubs", "--check")
    assert done.returncode == 2 and "student edition has no solutions" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_release_refuses_a_kit_whose_public_files_give_a_secret_away(tmp_path):
    kit = copy_kit(tmp_path / "kit")
    shutil.copy(KIT / "pyproject.toml", kit)
    grader = kit / "graders" / "test_q3_create_process.py"
    # An instructor pastes solution code into a public hint by mistake.
    grader.write_text(grader.read_text().replace(
        '"""Grader for Q3', '"""Grader for Q3 (hint: process = multiprocessing.Process(target=my_process_func))', 1))
    out = tmp_path / "bundle"
    done = mpkit("--kit", kit, "release", out)
    assert done.returncode == 2
    assert "would give away solution code of q3" in done.stderr and "test_q3_create_process.py" in done.stderr
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["kit"]


def test_release_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "old.txt").write_text("keep me")
    done = mpkit("--kit", KIT, "release", tmp_path)
    assert done.returncode == 2 and "not an empty folder" in done.stderr
    assert (tmp_path / "old.txt").read_text() == "keep me"


def test_workflow_is_valid_and_wires_the_grading_step_to_the_reporter(bundle):
    flow = yaml.safe_load((bundle / ".github" / "workflows" / "classroom.yml").read_text())
    assert "push" in flow["on"]  # quoted in the file: YAML 1.1 would read a bare `on` as true
    steps = flow["jobs"]["run-autograding-tests"]["steps"]
    grading = next(s for s in steps if s.get("id") == "mpkit")
    reporter = next(s for s in steps if "autograding-grading-reporter" in s.get("uses", ""))
    runner = reporter["with"]["runners"]
    assert runner == grading["id"]
    assert reporter["env"][f"{runner.upper()}_RESULTS"] == "${{steps.mpkit.outputs.result}}"
    assert flow["permissions"]["checks"] == "write"


def _fresh_venv(tmp_path: Path, bundle: Path) -> Path:
    """A new venv with the bundle installed editable; dependencies come from this test run's environment
    (a .pth file), so nothing is downloaded."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    site = subprocess.run([venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--no-deps",
         "--no-build-isolation", "--no-index", "--disable-pip-version-check", "-q", "-e", bundle],
        capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return venv


@pytest.mark.skipif(os.name != "posix", reason="venv layout of POSIX")
def test_bundle_installs_and_its_graders_and_workflow_grade_only_public_checks(bundle, tmp_path):
    work = tmp_path / "bundle"
    shutil.copytree(bundle, work)
    venv = _fresh_venv(tmp_path, work)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "MPKIT_"))}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    where = subprocess.run([venv / "bin" / "python", "-c", "import mpkit; print(mpkit.__file__)"],
                           capture_output=True, text=True, env=env, check=True).stdout
    assert Path(where.strip()).is_relative_to(work)

    # The student's command, on the stubs as handed out.
    done = subprocess.run([venv / "bin" / "python", "-m", "pytest", "graders/", "--timeline"], cwd=work, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stdout[-3000:]
    assert f"TOTAL 0 / {PUBLIC_POINTS:g} points  (0 of {len(PUBLIC)} checks passed)" in done.stdout
    assert "Quiz:" not in done.stdout and "hidden" not in done.stdout
    assert "processes (= running" in done.stdout

    # A student who solved everything pushes: the workflow's grading step, as GitHub runs it.
    for path in SOLUTIONS.glob("*.py"):
        shutil.copy(path, work / "exercises" / path.name)
    flow = yaml.safe_load((work / ".github" / "workflows" / "classroom.yml").read_text())
    step = next(s for s in flow["jobs"]["run-autograding-tests"]["steps"] if s.get("id") == "mpkit")
    outputs = tmp_path / "github_output"
    outputs.write_text("")
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=work, env={**env, "GITHUB_OUTPUT": str(outputs)},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"Points {PUBLIC_POINTS:g}/{PUBLIC_POINTS:g}" in done.stdout.splitlines()
    key, _, value = outputs.read_text().strip().partition("=")
    result = json.loads(base64.b64decode(value))
    assert key == "result" and result["max_score"] == PUBLIC_POINTS and result["status"] == "pass"
    assert len(result["tests"]) == len(PUBLIC)
    assert sum(t["score"] for t in result["tests"]) == PUBLIC_POINTS


def test_the_leak_search_finds_every_secret_in_the_instructors_own_files(tmp_path):
    from mpkit.courses.leaks import find_leaks

    for part in ("config", "solutions", "graders"):
        shutil.copytree(KIT / part, tmp_path / part)
    leaks = "\n".join(find_leaks(MANIFEST, tmp_path))
    for task in MANIFEST.tasks:
        assert f"solution code of {task.id} " in leaks and f"a solution block of {task.id} " in leaks
        if task.quiz:
            assert f"the quiz answer key of {task.id} in config/manifest.yaml" in leaks
            assert f"the quiz answer key of {task.id} in solutions/{task.file}" in leaks
    declared = [(t, c) for t, c in HIDDEN if c.id not in {quiz_check_id(q.key) for q in t.quiz}]
    assert declared  # quiz checks are made by the loader: their ids appear in no file
    for task, check in declared:
        assert f"the id of hidden check {task.id}.{check.id} " in leaks
        assert f"the description of hidden check {task.id}.{check.id} " in leaks
