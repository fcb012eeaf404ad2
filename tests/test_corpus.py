"""Alternative-correct and known-wrong submissions, graded end to end.

Each file in corpus/right/ and corpus/wrong/ is one task file written by an
imagined student. Its header says which task it answers and, for a wrong one,
exactly which checks it must fail:

    # task: q3
    # fails: child_joined, no_leftover_processes
    # says: never joined

A right variant has no `fails:` line and must score full marks. `says:`
(optional) lists phrases the student must read in the failed checks'
messages. Tasks are graded independently, so one submission folder ("pack")
holds one variant of each task (the reference solution fills the tasks that
have no variant left) and one `mpkit grade` grades six variants at once.
"""
from __future__ import annotations

import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import KIT, grade, make_submission, run_graders

from mpkit.kit.manifest import load_manifest

CORPUS = Path(__file__).parent / "corpus"
MANIFEST = load_manifest(KIT / "config" / "manifest.yaml")
HEADER = re.compile(r"^#\s*(task|fails|says):(.*)$")


@dataclass(frozen=True)
class Variant:
    path: Path
    task: str
    fails: frozenset
    says: tuple = ()

    @property
    def name(self) -> str:
        return f"{self.path.parent.name}/{self.path.stem}"

    @property
    def checks(self) -> set:
        return {c.id for c in MANIFEST.task(self.task).checks}


def read_variant(path: Path) -> Variant:
    """Parse the header comments; a malformed header is a broken corpus file."""
    fields: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = HEADER.match(line.strip())
        if match:
            fields[match.group(1)] = match.group(2).strip()
        elif not line.startswith("#"):
            break
    task = fields.get("task")
    assert MANIFEST.task(task or ""), f"{path.name}: header needs '# task: <id>' naming a manifest task"
    fails = frozenset(c.strip() for c in fields.get("fails", "").split(",") if c.strip())
    assert (path.parent.name == "wrong") == bool(fails), f"{path.name}: wrong variants (only) declare '# fails:'"
    unknown = fails - {c.id for c in MANIFEST.task(task).checks}
    assert not unknown, f"{path.name}: no such checks in {task}: {sorted(unknown)}"
    says = tuple(s.strip() for s in fields.get("says", "").split(",") if s.strip())
    return Variant(path, task, fails, says)


VARIANTS = [read_variant(p) for kind in ("right", "wrong") for p in sorted((CORPUS / kind).glob("*.py"))]


def packs(variants) -> list[dict]:
    """Group variants into packs of at most one per task: [{task id: Variant}]."""
    result: list[dict] = []
    for variant in variants:
        pack = next((p for p in result if variant.task not in p), None)
        if pack is None:
            pack = {}
            result.append(pack)
        pack[variant.task] = variant
    return result


def build(folder: Path, pack: dict) -> Path:
    return make_submission(
        folder, {MANIFEST.task(t).file: v.path.read_text(encoding="utf-8") for t, v in pack.items()}
    )


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> list:
    """[(submission folder, pack)] for the whole corpus."""
    root = tmp_path_factory.mktemp("corpus")
    return [(build(root / f"pack{i}", pack), pack) for i, pack in enumerate(packs(VARIANTS))]


@pytest.fixture(scope="module")
def graded(folders) -> dict:
    """{variant name: {check id: (status, output)}} for every variant, through `mpkit grade`."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda item: grade(item[0]), folders))
    found = {}
    for (_, pack), result in zip(folders, results):
        for test in result["tests"]:
            variant = pack.get(test["extra_data"]["task"])
            if variant:
                found.setdefault(variant.name, {})[test["extra_data"]["check"]] = (test["status"], test["output"])
    return found


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_variant_fails_exactly_its_declared_checks(graded, variant):
    got = graded[variant.name]
    assert set(got) == variant.checks
    lost = {c for c, (status, _) in got.items() if status != "passed"}
    detail = "\n".join(f"-- {c}:\n{got[c][1]}" for c in sorted(lost ^ variant.fails))
    assert lost == variant.fails, f"{variant.name}: lost {sorted(lost)}, declared {sorted(variant.fails)}\n{detail}"
    said = "\n".join(output for status, output in got.values() if status != "passed")
    for phrase in variant.says:
        assert phrase in said, f"{variant.name}: no message says {phrase!r}:\n{said}"
    # A `with Pool` block ends with terminate(): that is not trouble to report.
    assert "(worker) exited with code -15" not in said, said


def test_every_check_is_failed_by_some_wrong_variant():
    every = {f"{t.id}.{c.id}" for t in MANIFEST.tasks for c in t.checks}
    covered = {f"{v.task}.{c}" for v in VARIANTS for c in v.fails}
    assert every - covered == set()


def test_each_task_has_two_right_and_two_wrong_variants():
    for task in MANIFEST.tasks:
        kinds = [v.path.parent.name for v in VARIANTS if v.task == task.id]
        assert kinds.count("right") >= 2 and kinds.count("wrong") >= 2, task.id


def test_student_scorecard_lists_exactly_the_declared_failures(folders):
    """The student's own command, `pytest graders/ --submission DIR`, on the
    pack with the most wrong variants: its scorecard marks exactly their checks."""
    folder, pack = max(folders, key=lambda item: sum(bool(v.fails) for v in item[1].values()))
    done = run_graders(folder)
    assert done.returncode == 1, done.stdout[-3000:]
    marked = Counter(line.strip()[2:] for line in done.stdout.splitlines() if line.startswith("     x "))
    wanted = Counter()
    for task, variant in pack.items():
        for check in MANIFEST.task(task).checks:
            if check.id in variant.fails:
                wanted[check.description + (" (hidden check)" if check.hidden else "")] += 1
    assert marked == wanted, done.stdout[-6000:]
    lost = sum(c.points for t, v in pack.items() for c in MANIFEST.task(t).checks if c.id in v.fails)
    assert f"TOTAL {MANIFEST.points - lost:g} / {MANIFEST.points:g} points" in done.stdout
