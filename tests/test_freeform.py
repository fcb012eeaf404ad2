"""The free-form edition (`mpkit grade --free-form`), graded end to end.

(a) tests/freeform/answers/{right,wrong}/*.py: one answer each, with a header
    (`# task:`, `# fails:`, `# says:`, `# advice:`; see freeform/FREEFORM_SPEC.md,
    which also says what each question is judged to ask).
    Answers are packed one per question into folders (q3.py, q5.py, q6.py),
    so one grading judges three; the gradings run three at a time.
(b) tests/freeform/notebooks/NAME.{ipynb,py} with NAME.expect.yaml.
(c) bad input, batch, JSON and HTML through the `mpkit` command.
"""
from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import KIT, mpkit

from mpkit.errors import MpkitError
from mpkit.freeform.grade import grade_free_form
from mpkit.kit.manifest import free_form_edition, load_manifest
from mpkit.report.results import PASSED, gradescope

HERE = Path(__file__).parent / "freeform"
EDITION = free_form_edition(load_manifest(KIT / "config" / "manifest.yaml"))
HEADER = re.compile(r"^#\s*(task|fails|says|advice):(.*)$")


@dataclass(frozen=True)
class Answer:
    path: Path
    task: str
    fails: frozenset
    says: tuple
    advice: frozenset

    @property
    def name(self) -> str:
        return f"{self.path.parent.name}/{self.path.stem}"


def _list(text: str) -> list:
    return [item.strip() for item in text.split(",") if item.strip()]


def read_answer(path: Path) -> Answer:
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = HEADER.match(line.strip())
        if match:
            fields[match.group(1)] = match.group(2).strip()
        elif not line.startswith("#"):
            break
    task = EDITION.task(fields.get("task", ""))
    assert task, f"{path}: header needs '# task: q3|q5|q6'"
    fails, advice = frozenset(_list(fields.get("fails", ""))), frozenset(_list(fields.get("advice", "")))
    assert (path.parent.name == "wrong") == bool(fails), f"{path}: wrong answers (only) declare '# fails:'"
    scored = {c.id for c in task.checks if not c.advice}
    assert fails <= scored, f"{path}: not scored checks of {task.id}: {sorted(fails - scored)}"
    assert advice <= {c.id for c in task.checks if c.advice}, f"{path}: unknown advice {sorted(advice)}"
    return Answer(path, task.id, fails, tuple(_list(fields.get("says", ""))), advice)


ANSWERS = [read_answer(p) for kind in ("right", "wrong") for p in sorted((HERE / "answers" / kind).glob("*.py"))]


def packs(answers) -> list[dict]:
    result: list[dict] = []
    for answer in answers:
        pack = next((p for p in result if answer.task not in p), None)
        if pack is None:
            result.append(pack := {})
        pack[answer.task] = answer
    return result


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> dict:
    """{answer name: {check id: CheckResult}}, three answers per grading, three gradings at a time."""
    root = tmp_path_factory.mktemp("free-form")
    folders = []
    for i, pack in enumerate(packs(ANSWERS)):
        folder = root / f"pack{i}"
        folder.mkdir()
        for task, answer in pack.items():
            (folder / f"{task}.py").write_text(answer.path.read_text(encoding="utf-8"), encoding="utf-8")
        folders.append((folder, pack))
    with ThreadPoolExecutor(max_workers=3) as pool:
        reports = list(pool.map(lambda item: grade_free_form(KIT, item[0]), folders))
    found = {}
    for (_, pack), report in zip(folders, reports):
        for task in report.tasks:
            if task.task_id in pack:
                found[pack[task.task_id].name] = {c.check_id: c for c in task.checks}
    return found


@pytest.mark.parametrize("answer", ANSWERS, ids=lambda a: a.name)
def test_answer_loses_exactly_its_declared_checks(graded, answer):
    got = graded[answer.name]
    lost = {c for c, r in got.items() if r.status != PASSED and not r.advice}
    detail = "\n".join(f"-- {c}:\n{got[c].feedback()}" for c in sorted(lost ^ answer.fails))
    assert lost == answer.fails, f"{answer.name}: lost {sorted(lost)}, declared {sorted(answer.fails)}\n{detail}"
    said = "\n".join(r.feedback() for r in got.values() if r.status != PASSED and not r.advice).lower()
    for phrase in answer.says:
        assert phrase.lower() in said, f"{answer.name}: no message says {phrase!r}:\n{said}"
    flagged = {c for c, r in got.items() if r.advice and r.status != PASSED}
    assert answer.advice <= flagged, f"{answer.name}: advice {sorted(answer.advice - flagged)} not given"
    assert all(r.status != "error" for r in got.values()), [r.details for r in got.values()]


def spawn_safe(answer: Answer) -> bool:
    """A program whose run spawn does not change: it starts processes only under a `__main__`
    guard and hands them functions defined at the top level (no lambdas, no nested functions),
    and does not choose a start method itself."""
    import ast

    text = answer.path.read_text(encoding="utf-8")
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return False  # nothing of it runs, under any start method
    guarded = any(isinstance(n, ast.If) and "__main__" in ast.dump(n.test) for n in tree.body)
    nested = any(isinstance(inner, (ast.FunctionDef, ast.Lambda)) for outer in ast.walk(tree)
                 if isinstance(outer, ast.FunctionDef) for inner in ast.walk(outer) if inner is not outer)
    top_level = [n for n in tree.body if not isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom,
                                                             ast.If, ast.Expr))]
    return (guarded and not nested and "lambda" not in text and "os.fork" not in text and "start_method" not in text
            and "get_context" not in text and not any("Process" in ast.dump(n) or "Pool" in ast.dump(n)
                                                       for n in top_level))


SPAWN_SAFE = [a for a in ANSWERS if spawn_safe(a)]


@pytest.fixture(scope="module")
def graded_under_spawn(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("free-form-spawn")
    folders = []
    for i, pack in enumerate(packs(SPAWN_SAFE)):
        folder = root / f"pack{i}"
        folder.mkdir()
        for task, answer in pack.items():
            (folder / f"{task}.py").write_text(answer.path.read_text(encoding="utf-8"), encoding="utf-8")
        folders.append((folder, pack))
    with ThreadPoolExecutor(max_workers=3) as pool:
        reports = list(pool.map(lambda item: grade_free_form(KIT, item[0], start_method="spawn"), folders))
    found = {}
    for (_, pack), report in zip(folders, reports):
        for task in report.tasks:
            if task.task_id in pack:
                found[pack[task.task_id].name] = {c.check_id: c for c in task.checks}
    return found


def test_the_verdict_does_not_depend_on_the_start_method(graded, graded_under_spawn):
    """Programs that spawn does not change (see spawn_safe) lose the same checks, advice included,
    whether their processes are forked or spawned: what the graders read (targets, prints, pool
    work, joins) is recorded alike under both."""
    assert len(SPAWN_SAFE) >= 60, len(SPAWN_SAFE)
    differ = {}
    for answer in SPAWN_SAFE:
        fork = {c for c, r in graded[answer.name].items() if r.status != PASSED}
        spawn = {c for c, r in graded_under_spawn[answer.name].items() if r.status != PASSED}
        if fork != spawn:
            differ[answer.name] = (sorted(fork), sorted(spawn))
    assert not differ, differ


NOTEBOOKS = sorted(p for p in (HERE / "notebooks").iterdir() if p.suffix in (".ipynb", ".py") or p.is_dir())


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_graded_as_labelled(notebook):
    expect = yaml.safe_load(notebook.with_name(notebook.stem + ".expect.yaml").read_text(encoding="utf-8"))
    if "error" in expect:  # bad input: one line that names the file, and a non-zero exit code
        with pytest.raises(MpkitError) as raised:
            grade_free_form(KIT, notebook)
        line = str(raised.value)
        assert expect["error"] in line and str(notebook) in line and "\n" not in line, line
        done = mpkit("grade", "--free-form", str(notebook))
        assert done.returncode == 2 and expect["error"] in done.stderr, done.stderr
        return
    report = grade_free_form(KIT, notebook)
    questions = report.free_form["questions"]
    for task in report.tasks:
        wanted = expect.get(task.task_id, "missing")
        lost = {c.check_id for c in task.checks if c.status != PASSED and not c.advice}
        if wanted == "missing":
            assert questions[task.task_id].get("missing"), f"{task.task_id} should be missing"
            assert task.score == 0 and "not answered" in task.checks[0].observed
        else:
            detail = "\n".join(c.feedback() for c in task.checks if c.status != PASSED)
            assert lost == set(wanted["fails"]), f"{notebook.name} {task.task_id}: lost {sorted(lost)}\n{detail}"
            for phrase in wanted.get("says", []):  # phrases the failed checks' messages must contain
                assert phrase.lower() in detail.lower(), f"{notebook.name} {task.task_id}: no {phrase!r}\n{detail}"
    prose = {t for t, q in questions.items() if q["answer"] == "prose" and not q.get("missing") and q["prose"]}
    assert prose == set(expect.get("prose", [])), prose


def test_a_wrong_answer_never_gets_full_marks(graded):
    for answer in ANSWERS:
        if answer.fails:
            assert any(r.status != PASSED and not r.advice for r in graded[answer.name].values()), answer.name


@pytest.mark.parametrize("content, suffix, says", [
    ('{"cells": [', ".ipynb", "damaged notebook"),
    ("just some text", ".txt", "not a notebook"),
    ('{"nbformat": 4, "cells": [{"cell_type": "code", "source": "print(1)"}]}', ".ipynb", "no question found"),
])
def test_bad_input_is_one_line_and_an_error_code(tmp_path, content, suffix, says):
    path = tmp_path / f"answers{suffix}"
    path.write_text(content, encoding="utf-8")
    done = mpkit("grade", "--free-form", str(path))
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0] and str(path) in lines[0], done.stderr


def test_empty_folder_is_bad_input(tmp_path):
    done = mpkit("grade", "--free-form", str(tmp_path))
    assert done.returncode == 2 and "no answers in this folder" in done.stderr


def test_json_and_html(tmp_path):
    out, html = tmp_path / "results.json", tmp_path / "report.html"
    done = mpkit("grade", "--free-form", str(HERE / "notebooks" / "seed_retyped.py"), "--out", str(out),
                 "--html", str(html))
    assert done.returncode == 0, done.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["score"] == EDITION.points
    assert all(t["name"].split(":")[0] in ("q3", "q5", "q6") for t in results["tests"])
    questions = results["extra_data"]["free_form"]["questions"]
    assert questions["q3"]["cells"] == ["cell 5 (In [12])"] and "CPU-bound" in questions["q1"]["prose"]
    page = html.read_text(encoding="utf-8")
    assert "Answers in words (graded by hand)" in page and "CPU-bound" in page and "svg" in page


def test_batch_grades_everyone_and_says_why_for_bad_input(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ana.py").write_text((HERE / "notebooks" / "seed_retyped.py").read_text(encoding="utf-8"))
    (subs / "ben.ipynb").write_text('{"cells": [', encoding="utf-8")  # damaged
    (subs / "cy").mkdir()
    (subs / "cy" / "q3.py").write_text((HERE / "answers" / "wrong" / "q3_target_called.py").read_text())
    done = mpkit("grade", "--free-form", "--batch", str(subs), "--out", str(tmp_path / "out"), "--jobs", "2")
    assert done.returncode == 3, done.stderr  # ben could not be graded
    ana = json.loads((tmp_path / "out" / "ana" / "results.json").read_text())
    assert ana["score"] == EDITION.points
    cy = json.loads((tmp_path / "out" / "cy" / "results.json").read_text())
    assert 0 < cy["score"] < EDITION.points
    ben = json.loads((tmp_path / "out" / "ben" / "results.json").read_text())
    assert ben["score"] == 0 and "damaged notebook" in ben["tests"][0]["output"]
    grades = (tmp_path / "out" / "grades.csv").read_text()
    assert "ana" in grades and "q6" in grades


def test_gradescope_shows_advice_as_passed_with_its_note(graded):
    answer = next(a for a in ANSWERS if a.advice)
    report_checks = graded[answer.name]
    advice = next(r for c, r in report_checks.items() if c in answer.advice)
    from mpkit.report.results import Report, TaskSummary

    data = gradescope(Report("t", "s", [TaskSummary(answer.task, "t", [advice])]))
    test = data["tests"][0]
    assert test["status"] == "passed" and test["max_score"] == 0 and "expected:" in test["output"]
    assert test["extra_data"]["advice"] is True


def test_public_only_leaves_hidden_checks_out(tmp_path):
    """--public-only in free-form mode: a check marked hidden is neither judged nor counted."""
    import shutil

    kit = tmp_path / "kit"
    for folder in ("config", "graders", "solutions", "exercises"):
        shutil.copytree(KIT / folder, kit / folder)
    manifest = kit / "config" / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    marked = '          description: "the numbers the four processes print are all different"\n'
    assert marked in text
    manifest.write_text(text.replace(marked, marked + "          visibility: hidden\n"), encoding="utf-8")
    answers = tmp_path / "answers"
    answers.mkdir()
    shutil.copy(HERE / "answers" / "wrong" / "q6_duplicate_number.py", answers / "q6.py")
    seen = {}
    for public_only in (False, True):
        out = tmp_path / f"results-{public_only}.json"
        done = mpkit("--kit", str(kit), "grade", "--free-form", str(answers), "--out", str(out),
                     *(["--public-only"] if public_only else []))
        assert done.returncode == 0, done.stderr
        seen[public_only] = {t["name"].split(" ")[0].rstrip(":") + "." + t["name"]: t
                             for t in json.loads(out.read_text(encoding="utf-8"))["tests"]}
    everything = [name for name in seen[False] if "all different" in name]
    assert everything and seen[False][everything[0]]["score"] == 0  # judged, and failed
    assert not [name for name in seen[True] if "all different" in name]
    assert len(seen[True]) == len(seen[False]) - 1


# --- finding: unit tests of the rules the notebooks above pin (FREEFORM_SPEC.md, "Finding") ---

from mpkit.freeform.answers import read_answers  # noqa: E402
from mpkit.freeform.questions import Finder, classify  # noqa: E402

MANIFEST = load_manifest(KIT / "config" / "manifest.yaml")
ONE = "from multiprocessing import Process\ndef f():\n    print('x')\nif __name__ == '__main__':\n    p = Process(target=f)\n    p.start()\n    p.join()\n"
LOOP = ("from multiprocessing import Process\ndef f(i):\n    print(i)\nif __name__ == '__main__':\n"
        "    for i in range(3):\n        Process(target=f, args=(i,)).start()\n")
POOL = ("from multiprocessing import Pool\ndef sq(x):\n    return x * x\nif __name__ == '__main__':\n"
        "    with Pool(2) as p:\n        print(p.map(sq, [1, 2]))\n")


def _found(tmp_path, cells) -> dict:
    """{task id: the cells its program came from} of a notebook of (kind, source) cells."""
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"nbformat": 4, "cells": [{"cell_type": k, "source": s} for k, s in cells]}))
    return {t: a.cells for t, a in read_answers(path, MANIFEST).answers.items() if a.program is not None}


@pytest.mark.parametrize("programs, placed", [
    ([ONE], {"q3": [1]}),
    ([LOOP], {"q6": [1]}),  # several processes, nothing after it: Q6's, never Q3's alone
    ([LOOP, POOL], {"q3": [1], "q5": [2]}),  # before the pool: Q3's
    ([POOL, LOOP], {"q5": [1], "q6": [2]}),
    ([ONE, POOL, LOOP], {"q3": [1], "q5": [2], "q6": [3]}),
    ([ONE, LOOP], {"q3": [1], "q6": [2]}),
    ([POOL, ONE], {"q5": [1], "q6": [2]}),  # after the pool only Q6 can stand: it loses four_children there
])
def test_programs_without_headings_go_by_order_and_content(tmp_path, programs, placed):
    got = _found(tmp_path, [("code", p) for p in programs])
    assert got == {t: [f"cell {n}" for n in cells] for t, cells in placed.items()}, got


def test_a_heading_bounds_where_loose_code_may_go(tmp_path):
    """After Q4's words only Q5 and Q6 may stand: a lone Process program there is Q6's, not Q3's."""
    got = _found(tmp_path, [("markdown", "Q4. What is a multiprocessing pool in python? Why is it used?"),
                            ("markdown", "A group of workers."), ("code", ONE)])
    assert got == {"q6": ["cell 3"]}, got
    got = _found(tmp_path, [("markdown", "Q2. What are the differences between multiprocessing and multithreading?"),
                            ("code", LOOP), ("markdown", "Q4. What is a multiprocessing pool? Why is it used?")])
    assert got == {"q3": ["cell 2"]}, got  # between Q2 and Q4 only Q3 may stand


def test_code_under_a_code_question_is_never_moved(tmp_path):
    got = _found(tmp_path, [("markdown", "Q3."), ("code", ONE), ("code", POOL)])
    assert got == {"q3": ["cell 2", "cell 3"]}, got


@pytest.mark.parametrize("line, task", [
    ("5.)", "q5"), ("5 )", "q5"), ("(5)", "q5"), ("5)", "q5"), ("Q.5", "q5"), ("(Q5)", "q5"), ("**5.)**", "q5"),
    ("What is a multiprocessing pool in python?", "q4"), ("What is multiprocessing in python?", None),
    ("5) processes are heavier", None),
])
def test_heading_forms(line, task):
    heading = Finder(MANIFEST.tasks).heading(line, "cell 1", prose=True)
    assert (heading.task_id if heading else None) == task


def test_a_number_alone_above_code_is_words():
    assert classify("5.)\nimport os\nx = 1\n") == ["prose", "code", "code"]
    assert classify("Q.6\nprint(1)\n") == ["prose", "code"]


def test_markdown_code_is_graded_only_without_a_code_cell(tmp_path):
    fence = "Q3. Write a python code to create a process.\n\n```python\n" + ONE + "```\n"
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"nbformat": 4, "cells": [{"cell_type": "markdown", "source": fence}]}))
    answer = read_answers(path, MANIFEST).answers["q3"]
    assert "markdown code block" in answer.found_by and answer.cells == ["cell 1 (a markdown code block)"]
    assert "p.start()" in answer.program
    path.write_text(json.dumps({"nbformat": 4, "cells": [{"cell_type": "markdown", "source": fence},
                                                         {"cell_type": "code", "source": LOOP}]}))
    answer = read_answers(path, MANIFEST).answers["q3"]
    assert answer.cells == ["cell 2"] and "markdown" not in answer.found_by


def test_a_label_typed_in_front_of_code_is_cut_off():
    from mpkit.freeform.questions import glued

    assert classify("Ans3.import os\nprint(os.getpid())\n") == ["glued", "code"]
    assert glued("Ans5: from multiprocessing import Pool") == ("Ans5:", "from multiprocessing import Pool")
    assert glued("Ans 3 the child prints hello") == ("", "Ans 3 the child prints hello")  # words, not code


def test_a_repeated_number_stands_when_the_code_does_what_it_asks(tmp_path):
    got = _found(tmp_path, [("markdown", "5.) How can we create a pool of worker processes in python?"),
                            ("markdown", "5.)"), ("code", POOL)])
    assert got == {"q5": ["cell 3"]}, got  # not moved to Q6, which has no heading either
    got = _found(tmp_path, [("markdown", "5.) How can we create a pool of worker processes in python?"),
                            ("markdown", "5.)"), ("code", POOL), ("markdown", "5.)"), ("code", LOOP)])
    assert got == {"q5": ["cell 3"], "q6": ["cell 5"]}, got


def test_a_help_call_heads_a_question_only_when_its_word_ends_one_open_question():
    finder = Finder(MANIFEST.tasks)
    call = "get_ipython().run_line_magic('pinfo', 'module')"
    ids = {t.id for t in finder.tasks}
    assert finder.lost(call, 4, ids - {"q6"}, "cell 1").task_id == "q5"  # Q6 named by a heading elsewhere
    assert finder.lost(call, 4, ids, "cell 1") is None  # Q5 or Q6: cannot tell
    assert finder.lost(call, 2, ids, "cell 1") is None  # Q3, Q5 and Q6 all end in 'module'
    assert finder.lost("get_ipython().run_line_magic('pinfo', 'start')", 0, ids, "cell 1") is None


RANDOM_ANSWERS = ["wrong/q6_random", "wrong/q6_random_pid_seed", "wrong/q6_random_time_ns", "wrong/q6_urandom",
                  "wrong/q6_secrets", "wrong/q6_random_sample_parent", "right/q6_random_pause"]


def test_random_numbers_get_the_same_verdict_every_time(tmp_path):
    """Same submission, same score: numbers drawn at random (seeded from the PID or the clock,
    os.urandom, secrets) lose numbers_differ whatever came out, in five gradings of each."""
    folders = []
    for name in RANDOM_ANSWERS:
        for i in range(5):
            folder = tmp_path / f"{name.replace('/', '-')}-{i}"
            folder.mkdir()
            (folder / "q6.py").write_text((HERE / "answers" / f"{name}.py").read_text(encoding="utf-8"))
            folders.append((name, folder))
    with ThreadPoolExecutor(max_workers=3) as pool:
        reports = list(pool.map(lambda item: grade_free_form(KIT, item[1]), folders))
    verdicts: dict = {}
    for (name, _), report in zip(folders, reports):
        q6 = next(t for t in report.tasks if t.task_id == "q6")
        verdicts.setdefault(name, set()).add(frozenset(c.check_id for c in q6.checks if c.status != PASSED))
    assert all(len(seen) == 1 for seen in verdicts.values()), verdicts
    for name, (lost,) in verdicts.items():
        assert ("numbers_differ" in lost) == name.startswith("wrong/"), (name, lost)


def test_pool_size_advice_names_no_cpu_count(graded):
    """Pool() without a size: the advice says one worker per CPU core (os.cpu_count()), never the
    number of CPUs graded code sees (a student's computer has another)."""
    from mpkit.sandbox.runner import CPU_COUNT

    advice = graded["right/q5_pool_default_size"]["pool_of_four"]
    assert advice.status != PASSED and "os.cpu_count()" in advice.observed, advice.feedback()
    assert str(CPU_COUNT) not in advice.feedback(), advice.feedback()


def test_a_reason_shared_by_checks_is_said_once(graded, tmp_path):
    """A question not answered, or a program that did not run, is said in full once; the
    question's other checks say it in short and point at the one that says it all."""
    for name, phrase in (("wrong/q6_syntax_error", "did not run at all"),):
        failed = [r for r in graded[name].values() if r.status != PASSED]
        assert sum(phrase in r.observed for r in failed) == len(failed), [r.observed for r in failed]
        assert sum("said under" not in r.observed for r in failed) == 1, [r.observed for r in failed]
    (tmp_path / "q3.py").write_text((HERE / "answers" / "right" / "q3_pipe.py").read_text(encoding="utf-8"))
    report = grade_free_form(KIT, tmp_path)
    q5 = next(t for t in report.tasks if t.task_id == "q5")
    assert [("said under" not in c.observed) for c in q5.checks] == [True] + [False] * (len(q5.checks) - 1)
    assert all("not answered" in c.observed for c in q5.checks)
    assert "Add your program for Q5 to the folder as q5.py" in q5.checks[0].hint, q5.checks[0].hint
    assert "markdown" not in q5.checks[0].hint


def test_input_never_waits_for_a_keyboard(tmp_path):
    """stdin is empty in a grading: input() fails at once (EOFError), and the feedback says why."""
    import time

    (tmp_path / "q6.py").write_text((HERE / "answers" / "wrong" / "q6_input_numbers.py").read_text(encoding="utf-8"))
    started = time.monotonic()
    report = grade_free_form(KIT, tmp_path)
    assert time.monotonic() - started < 10
    q6 = next(t for t in report.tasks if t.task_id == "q6")
    said = "\n".join(c.feedback() for c in q6.checks)
    assert "keyboard input" in said and "fixed values" in said and "EOFError" in said, said


def test_definitions_from_earlier_cells_are_carried_and_named(tmp_path):
    """A program using a function an earlier cell defined gets that definition (and what it uses),
    as the notebook had it run top to bottom, never the earlier cell's `__main__` block; the
    scorecard names what was carried beside the cells taken."""
    q3 = ("import multiprocessing\nLIMIT = 3\ndef helper(x):\n    return x + LIMIT\ndef work(x):\n    return helper(x) * 2\n"
          "def work(x):\n    return helper(x) * 3\n"  # redefined: the last one counts
          "if __name__ == '__main__':\n    p = multiprocessing.Process(target=print, args=('q3',))\n    p.start()\n"
          "    p.join()\n")
    q5 = "if __name__ == '__main__':\n    with multiprocessing.Pool(2) as pool:\n        print(pool.map(work, [1, 2]))\n"
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"nbformat": 4, "cells": [
        {"cell_type": "markdown", "source": "Q3."}, {"cell_type": "code", "source": q3},
        {"cell_type": "markdown", "source": "Q5."}, {"cell_type": "code", "source": q5}]}))
    answer = read_answers(path, MANIFEST).answers["q5"]
    assert answer.definitions == ["LIMIT, helper, work from cell 2"], answer.definitions
    assert answer.cells == ["cell 4", "cell 2: only its definition of LIMIT, helper, work"], answer.cells
    assert "* 3" in answer.program and "* 2" not in answer.program and "Process(" not in answer.program
    assert read_answers(path, MANIFEST).answers["q3"].definitions == []


def test_a_stray_program_goes_only_to_the_next_question_without_a_program(tmp_path):
    """Four processes after Q5's pool, in Q5's part: Q6's when Q6 has no program; joined as before
    when Q6 has one of its own, or when the stray is not after the part's own program."""
    got = _found(tmp_path, [("markdown", "Q5."), ("code", POOL), ("code", LOOP)])
    assert got == {"q5": ["cell 2"], "q6": ["cell 3"]}, got
    got = _found(tmp_path, [("markdown", "Q5."), ("code", POOL), ("code", LOOP), ("markdown", "Q6."), ("code", LOOP)])
    assert got == {"q5": ["cell 2", "cell 3"], "q6": ["cell 5"]}, got
    got = _found(tmp_path, [("markdown", "Q5."), ("code", LOOP), ("code", POOL)])
    assert got == {"q5": ["cell 2", "cell 3"]}, got
    got = _found(tmp_path, [("markdown", "Q5."), ("code", POOL), ("code", LOOP), ("markdown", "Q6.")])
    assert got == {"q5": ["cell 2"], "q6": ["cell 3"]}, got  # Q6's heading, with no code under it


def test_finished_keeps_its_message_when_the_record_cannot_be_read():
    """finished() reads the record again to say why a run did not finish; a record that cannot be
    read then keeps the message finished() had, in the question's words, not another one."""
    from types import SimpleNamespace

    from mpkit.checks.api import CheckFailed
    from mpkit.freeform.judging import finished

    class Runs:
        task = SimpleNamespace(file="q3_create_process.py", id="q3")
        calls = 0

        def finished(self, name):
            raise CheckFailed("`python q3_create_process.py` to run without errors", "it did not finish", "hint")

        def started(self, name):
            raise CheckFailed("the kit's record of your run", "the record of the run is missing", "x")

    with pytest.raises(CheckFailed) as raised:
        finished(Runs())
    assert raised.value.observed == "it did not finish" and "your Q3 program" in raised.value.expected


def test_a_string_cell_is_words_only_when_the_whole_part_is(tmp_path):
    """`msg = "..."` alone in a cell, used by the program in the next cell, stays code; a part of
    nothing but strings given names is an answer in words."""
    uses = ("from multiprocessing import Process\ndef f():\n    print(msg)\nif __name__ == '__main__':\n"
            "    p = Process(target=f)\n    p.start()\n    p.join()\n")
    got = _found(tmp_path, [("markdown", "Q3."), ("code", 'msg = "hello from the child"'), ("code", uses)])
    assert got == {"q3": ["cell 2", "cell 3"]}, got
    path = tmp_path / "words.ipynb"
    path.write_text(json.dumps({"nbformat": 4, "cells": [{"cell_type": "markdown", "source": "Q5."},
                                                         {"cell_type": "code", "source": 'Ans5 = "use Pool(4)"\nprint(Ans5)'}]}))
    answer = read_answers(path, MANIFEST).answers["q5"]
    assert answer.program is None and answer.prose == "use Pool(4)" and "words in a string" in answer.left_out[0]


def test_sleeps_are_added_up_from_the_text():
    from mpkit.freeform.stopped import slept

    assert slept("import time\nfor i in range(10):\n    print(i)\n    time.sleep(1)\n") == 10
    assert slept("from time import sleep\nfor a in [1, 2]:\n    for b in range(3):\n        sleep(0.5)\n") == 3
    assert slept("import time\nwhile True:\n    time.sleep(2)\n") == 2  # runs not said: once
    assert slept("print(1)\n") is None
