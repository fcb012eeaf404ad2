"""`mpkit gradescope OUT.zip`: the autograder zip, and its run_autograder run locally.

The zip is unpacked as Gradescope does; the kit is installed from it into a
fresh venv as setup.sh does (without downloading: the dependencies come from
this test run's environment); then run_autograder runs with the /autograder
paths redirected to a temporary folder.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import KIT, SOLUTIONS, mpkit

from mpkit.kit.manifest import load_manifest

MANIFEST = load_manifest(KIT / "config" / "manifest.yaml")

# Correct, except: q2 is missing, q3's child never runs (only no_leftover_processes passes),
# and q4 asks for 900 MB, more than run_autograder lets one process have (only its quiz, 3 points, is left).
Q3_PARENT_PRINTS = "def my_process_func():\n    print('Child process running.')\n\n" \
                   "def create_process():\n    my_process_func()\n"
MEMORY_HOG = "\n_keep = []\n_real = parallel_map\n\ndef parallel_map(func, items, processes=2):\n" \
             "    _keep.append(bytearray(900 * 1024 * 1024))\n    return _real(func, items, processes)\n"


@pytest.fixture(scope="module")
def autograder(tmp_path_factory):
    root = tmp_path_factory.mktemp("gradescope")
    done = mpkit("gradescope", root / "autograder.zip")
    assert done.returncode == 0, done.stderr
    return root / "autograder.zip"


def install_like_setup_sh(source, venv):
    """setup.sh's `pip install /autograder/source`, into a new venv, offline."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    site = subprocess.run([venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--no-deps",
         "--no-build-isolation", "--no-index", "--disable-pip-version-check", "-q", source],
        capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    python = venv / "bin" / "python"
    # A real install (not a link to the source), with the files that are not Python modules.
    where = subprocess.run([python, "-c", "import mpkit; print(mpkit.__file__)"],
                           capture_output=True, text=True, check=True, cwd=venv).stdout.strip()
    package = Path(where).parent
    assert venv in package.parents
    assert (package / "sandbox" / "boot" / "_mpkit_harness.py").is_file()
    assert (package / "courses" / "gradescope" / "files" / "run_autograder").is_file()
    return python


def run_autograder(zip_path, root, upload):
    """Unpack the zip as Gradescope does, install it, and grade `upload` (a folder) with run_autograder."""
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(root / "source")
    for name in ("run_autograder", "setup.sh"):  # extractall drops the mode bits
        (root / "source" / name).chmod(0o755)
    python = install_like_setup_sh(root / "source", root / "mpkit-venv")
    shutil.copytree(upload, root / "submission")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MPKIT_", "PYTEST_"))}
    env.update(MPKIT_AUTOGRADER_ROOT=str(root), MPKIT_AUTOGRADER_PYTHON=str(python))
    return subprocess.run([str(root / "source" / "run_autograder")], env=env, cwd=root,
                          capture_output=True, text=True, timeout=600)


def test_zip_holds_setup_run_autograder_kit_and_source(autograder):
    with zipfile.ZipFile(autograder) as zf:
        infos = {i.filename: i for i in zf.infolist()}
        names = set(infos)
        assert {"setup.sh", "run_autograder", "pyproject.toml", "config/manifest.yaml",
                "src/mpkit/grade.py", "src/mpkit/sandbox/boot/_mpkit_harness.py"} <= names
        for task in MANIFEST.tasks:
            assert f"graders/{task.grader.name}" in names
        assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
        for name in ("setup.sh", "run_autograder"):
            assert (infos[name].external_attr >> 16) & 0o111, f"{name} is not executable"
        # One source of truth: the zip holds the kit's own files, byte for byte.
        assert zf.read("config/manifest.yaml") == (KIT / "config" / "manifest.yaml").read_bytes()
        assert zf.read("graders/test_q3_create_process.py") == (KIT / "graders" / "test_q3_create_process.py").read_bytes()


def test_same_kit_gives_the_same_zip(autograder, tmp_path):
    assert mpkit("gradescope", tmp_path / "again.zip").returncode == 0
    assert (tmp_path / "again.zip").read_bytes() == autograder.read_bytes()


def test_run_autograder_grades_an_upload_in_a_subfolder(autograder, tmp_path):
    upload = tmp_path / "upload"
    folder = upload / "homework" / "mp"
    folder.mkdir(parents=True)
    for path in SOLUTIONS.glob("*.py"):
        if path.name != "q2_processes_vs_threads.py":
            shutil.copy(path, folder / path.name)
    (folder / "q3_create_process.py").write_text(Q3_PARENT_PRINTS)
    with open(folder / "q4_pool.py", "a") as f:
        f.write(MEMORY_HOG)
    root = tmp_path / "autograder"
    done = run_autograder(autograder, root, upload)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"from {root / 'source' / 'src' / 'mpkit'}," in done.stdout  # the zip's code did the grading

    results = json.loads((root / "results" / "results.json").read_text())
    by_task: dict = {}
    for test in results["tests"]:
        assert set(test) >= {"name", "score", "max_score", "status", "output", "visibility"}
        by_task.setdefault(test["extra_data"]["task"], []).append(test)
    assert len(results["tests"]) == sum(len(t.checks) for t in MANIFEST.tasks)
    scores = {task: sum(t["score"] for t in tests) for task, tests in by_task.items()}
    q4_checks_with_a_call = [t for t in by_task["q4"] if "quiz" not in t["extra_data"]["check"]]
    assert any("MemoryError" in t["output"] for t in q4_checks_with_a_call)
    assert scores == {"q1": 8, "q2": 0, "q3": 1, "q4": 3, "q5": 11, "q6": 13}
    assert results["score"] == 36
    assert "Not found in your upload: q2_processes_vs_threads.py." in results["output"]
    assert "q1_multiprocessing.py: found in homework/mp/" in results["output"]


def test_not_a_zip_name_is_a_user_mistake(tmp_path):
    done = mpkit("gradescope", tmp_path / "autograder.tar")
    assert done.returncode == 2 and "is a .zip file" in done.stderr
