"""Free-form grading speed, beside the stub edition's: the whole `mpkit grade`
process, 7 runs each, on this machine.

    .venv/bin/python bench/free_form.py [OUT.md]

- `mpkit grade --free-form` on a whole notebook (the seed notebook re-typed,
  tests/freeform/notebooks/seed_retyped.py: six questions, three programs),
  and on a messy .ipynb (tests/freeform/notebooks/bare_numbers.ipynb: magics,
  an answer over three cells, a pool of 3, four processes one after another);
- `mpkit grade solutions` (the stub edition, all 55 checks), for comparison.
Target (issue 15): a whole free-form notebook in under 2 s.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

KIT = Path(__file__).resolve().parent.parent
MPKIT = [sys.executable, "-m", "mpkit.cli", "--kit", str(KIT)]
RUNS = 7


def measure(args) -> list[float]:
    times = []
    for _ in range(RUNS):
        started = time.monotonic()
        done = subprocess.run(MPKIT + args, cwd=KIT, capture_output=True, text=True)
        times.append(time.monotonic() - started)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed: {done.stderr[-500:]}")
    return times


def main() -> None:
    rows = [
        ("`mpkit grade --free-form tests/freeform/notebooks/seed_retyped.py`",
         ["grade", "--free-form", "tests/freeform/notebooks/seed_retyped.py", "--out", "/dev/null"]),
        ("`mpkit grade --free-form tests/freeform/notebooks/bare_numbers.ipynb`",
         ["grade", "--free-form", "tests/freeform/notebooks/bare_numbers.ipynb", "--out", "/dev/null"]),
        ("`mpkit grade solutions` (stub edition)", ["grade", "solutions", "--out", "/dev/null"]),
    ]
    lines = ["| command (whole process) | median s | min s | max s |", "|---|---|---|---|"]
    for label, args in rows:
        t = measure(args)
        lines.append(f"| {label} | {statistics.median(t):.2f} | {min(t):.2f} | {max(t):.2f} |")
    text = "\n".join(lines)
    print(text)
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
