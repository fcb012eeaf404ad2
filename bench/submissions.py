"""Reproducible sets of submissions for the benchmark: correct, wrong and broken.

`generate(folder, n, seed)` writes n submission folders (student ids s000,
s001, ...) and returns what kind each one is. The same seed gives the same
files.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent

# Small breakages a real class produces; each replaces one task file.
BROKEN = {
    "syntax error": "def create_process(:\n    pass\n",
    "exception at import": "import multiprocessing\nraise RuntimeError('oops')\n",
    "missing function": "import multiprocessing\n",
    "never joins": (
        "import multiprocessing, time\n"
        "def my_process_func():\n    print('Child process running.')\n"
        "def create_process():\n"
        "    p = multiprocessing.Process(target=my_process_func)\n    p.start()\n    return p\n"
    ),
    "hangs": (
        "import multiprocessing\n"
        "def my_process_func():\n    print('Child process running.')\n"
        "def create_process():\n"
        "    q = multiprocessing.Queue()\n    q.get()\n"
    ),
}
KINDS = ("correct", "stubs", "half", "broken")
WEIGHTS = (0.45, 0.1, 0.3, 0.15)


def generate(folder: Path, n: int, seed: int = 1, hangs: bool = True) -> dict[str, str]:
    rng = random.Random(seed)
    solutions = sorted((KIT / "solutions").glob("*.py"))
    kinds = {}
    folder.mkdir(parents=True, exist_ok=True)
    broken_kinds = [k for k in BROKEN if hangs or k != "hangs"]
    for i in range(n):
        student = f"s{i:03d}"
        target = folder / student
        target.mkdir()
        kind = rng.choices(KINDS, WEIGHTS)[0]
        for path in solutions:
            source = path
            if kind == "stubs" or (kind == "half" and rng.random() < 0.5):
                source = KIT / "exercises" / path.name
            shutil.copy(source, target / path.name)
        if kind == "broken":
            what = rng.choice(broken_kinds)
            (target / "q3_create_process.py").write_text(BROKEN[what], encoding="utf-8")
            kind = f"broken ({what})"
        kinds[student] = kind
    return kinds
