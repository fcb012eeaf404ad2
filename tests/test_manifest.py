"""The manifest loader rejects bad manifests with a message naming the file and the key path."""
import pytest
import yaml
from conftest import KIT, copy_kit, mpkit

from mpkit.errors import MpkitError
from mpkit.kit.manifest import load_manifest


@pytest.fixture
def kit(tmp_path):
    return copy_kit(tmp_path / "kit")


def edit(kit, change):
    path = kit / "config" / "manifest.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def error_of(path):
    with pytest.raises(MpkitError) as info:
        load_manifest(path)
    return str(info.value)


def test_the_kit_manifest_loads():
    manifest = load_manifest(KIT / "config" / "manifest.yaml")
    assert [t.id for t in manifest.tasks] == ["q1", "q2", "q3", "q4", "q5", "q6"]
    q1 = manifest.task("q1")
    assert q1.file == "q1_multiprocessing.py" and q1.time_limit == 10
    assert q1.check("quiz_separate_memory").hidden


@pytest.mark.parametrize(
    "change, where, words",
    [
        (lambda d: d["tasks"][1].update(colour="red"), "tasks[1].colour", "unknown key"),
        (lambda d: d["tasks"][2]["checks"][0].update(points="x"), "tasks[2].checks[0].points", "expected a number"),
        (lambda d: d["tasks"][2]["checks"][0].update(points=-1), "tasks[2].checks[0].points", "expected a number >= 0"),
        (lambda d: d["tasks"][0]["checks"][1].update(visibility="secret"), "tasks[0].checks[1].visibility", "public, hidden"),
        (lambda d: d["tasks"][3].update(id="q1"), "tasks[3].id", "duplicate task id 'q1'"),
        (lambda d: d["tasks"][4]["checks"][1].update(id="worker_function_squares"), "tasks[4].checks[1].id", "duplicate check id"),
        (lambda d: d["tasks"][5].update(grader="graders/nope.py"), "tasks[5].grader", "'graders/nope.py' not found"),
        (lambda d: d["tasks"][0].pop("title"), "tasks[0].title", "missing"),
        (lambda d: d["tasks"][0].update(time_limit=0), "tasks[0].time_limit", "expected a number > 0"),
        (lambda d: d["tasks"][0]["quiz"][0].update(answer="yes"), "tasks[0].quiz[0].answer", "true or false"),
        (lambda d: d["tasks"][0].update(id="Q 1"), "tasks[0].id", "expected an id"),
        (lambda d: d.update(version=2), "version", "expected 1"),
        (lambda d: d.update(tasks=[]), "tasks", "non-empty list"),
    ],
)
def test_bad_manifest_names_file_and_key_path(kit, change, where, words):
    path = edit(kit, change)
    message = error_of(path)
    assert message.startswith(f"{path}: {where}: ")
    assert words in message


def test_invalid_yaml_names_the_line(kit):
    path = kit / "config" / "manifest.yaml"
    path.write_text("version: 1\ntasks: [\n")
    assert "not valid YAML at line" in error_of(path)


def test_cli_shows_one_line_and_exits_non_zero(kit):
    edit(kit, lambda d: d["tasks"][2]["checks"][0].update(points="x"))
    done = mpkit("--kit", kit, "grade", KIT / "solutions")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "tasks[2].checks[0].points" in lines[0]
    assert "Traceback" not in done.stderr


def test_cli_missing_submission_folder(kit):
    done = mpkit("--kit", kit, "grade", kit / "no-such-folder")
    assert done.returncode == 2 and "no such submission folder" in done.stderr


def test_graders_refuse_a_check_the_manifest_does_not_list(kit):
    grader = kit / "graders" / "test_q3_create_process.py"
    grader.write_text(grader.read_text() + '\n\n@check("made_up")\ndef test_made_up(runs):\n    pass\n')
    done = mpkit("--kit", kit, "grade", KIT / "solutions")
    assert done.returncode == 3 and "made_up" in done.stderr


def test_graders_refuse_a_manifest_check_without_test(kit):
    edit(kit, lambda d: d["tasks"][2]["checks"].append({"id": "extra_check", "points": 1, "description": "x"}))
    done = mpkit("--kit", kit, "grade", KIT / "solutions")
    assert done.returncode == 3 and "extra_check" in done.stderr
