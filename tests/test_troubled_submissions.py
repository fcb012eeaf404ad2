"""A submission with a syntax error, one that hangs and one that leaves a
process running: each is graded within its time limit, says what went wrong
in words a student reads, costs only its own task, and leaves no process."""
import json
import os
import subprocess
import sys
import time
import uuid

import pytest
from conftest import KIT, copy_kit, make_submission, run_processes_with, statuses

from mpkit.kit.manifest import load_manifest

TIME_LIMIT = 3
TROUBLE = {
    # q3: a syntax error on line 5.
    "q3_create_process.py": (
        "import multiprocessing\n"
        "\n"
        "\n"
        "def my_process_func():\n"
        '    print("Child process running."\n'
        "\n"
        "\n"
        "def create_process():\n"
        "    pass\n"
    ),
    # q6: waits forever for children that never end.
    "q6_four_processes.py": (
        "import multiprocessing\n"
        "import os\n"
        "import time\n"
        "\n"
        "\n"
        "def print_number(number):\n"
        '    print(f"Process ID: {os.getpid()} - Number: {number}", flush=True)\n'
        "    while True:\n"
        "        time.sleep(1)\n"
        "\n"
        "\n"
        "def run_four_processes():\n"
        "    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(1, 5)]\n"
        "    for p in processes:\n"
        "        p.start()\n"
        "    for p in processes:\n"
        "        p.join()\n"
        "    return processes\n"
        "\n"
        "\n"
        'if __name__ == "__main__":\n'
        "    run_four_processes()\n"
    ),
    # q1: returns the child's PID and leaves the child running.
    "q1_multiprocessing.py": (
        "import multiprocessing\n"
        "import os\n"
        "import time\n"
        "\n"
        "\n"
        "def send_my_pid(queue):\n"
        "    queue.put(os.getpid())\n"
        "    time.sleep(3600)\n"
        "\n"
        "\n"
        "def child_pid():\n"
        "    queue = multiprocessing.Queue()\n"
        "    multiprocessing.Process(target=send_my_pid, args=(queue,)).start()\n"
        "    return queue.get()\n"
        "\n"
        "\n"
        'ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}\n'
    ),
}


# Set in the environment of our `mpkit grade` and inherited by every process
# of its runs, so the check below sees our runs only (other tests may grade
# at the same time).
MARK = "TROUBLED_SUBMISSION_TEST"  # not MPKIT_*: the runner drops those


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("troubled")
    kit = copy_kit(root / "kit", time_limit=TIME_LIMIT)
    submission = make_submission(root / "submission", TROUBLE)
    mark = uuid.uuid4().hex
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "mpkit.cli", "--kit", str(kit), "grade", str(submission)],
        cwd=KIT, capture_output=True, text=True, timeout=300, env={**os.environ, MARK: mark},
    )
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    said = {f"{t['extra_data']['task']}.{t['extra_data']['check']}": t["output"] for t in results["tests"]}
    return {"results": results, "said": said, "took": took, "kit": kit, "alive_after": run_processes_with(MARK, mark)}


def test_only_the_troubled_checks_fail(graded):
    manifest = load_manifest(graded["kit"] / "config" / "manifest.yaml")
    lost = {k for k, v in statuses(graded["results"]).items() if v != "passed"}
    every_q3 = {f"q3.{c.id}" for c in manifest.task("q3").checks}
    every_q6 = {f"q6.{c.id}" for c in manifest.task("q6").checks}
    assert lost == every_q3 | every_q6 | {"q1.child_joined", "q1.no_leftover_processes"}


def test_syntax_error_names_the_file_and_line(graded):
    for check in ("one_child", "program_runs", "works_under_spawn"):
        text = graded["said"][f"q3.{check}"]
        assert "SyntaxError" in text and "line 5" in text and "q3_create_process.py" in text, text


def test_hang_is_stopped_at_the_time_limit(graded):
    text = graded["said"]["q6.four_children"]
    assert "run_four_processes()" in text and f"{TIME_LIMIT} s" in text and "stopped" in text, text
    program = graded["said"]["q6.program_runs"]
    assert "python q6_four_processes.py" in program and "stopped" in program, program
    # Three runs of 3 s each, graded side by side; generous for a loaded machine.
    assert graded["took"] < 60


def test_leftover_process_is_named_and_stopped(graded):
    text = graded["said"]["q1.no_leftover_processes"]
    assert "send_my_pid" in text and "still running" in text and "stopped by the grader" in text, text


def test_no_process_of_the_runs_is_left(graded):
    assert graded["alive_after"] == []
