"""What the kernel layer (Landlock) costs: `python bench/kernel_cost.py [--base COMMIT] [--repeats 7] [--n 10]`.

Measures, interleaved so that the shared machine's drift hits every variant
alike: `mpkit grade solutions` (whole process) and `mpkit grade --batch` of N
generated submissions (--jobs 2), for
- base: the kit at COMMIT (before the kernel layer), from a throwaway worktree;
- kernel: this checkout, Landlock applied in every run;
- no kernel: this checkout under tests/without_landlock.py (Landlock calls fail
  with ENOSYS, as on an old kernel).
Prints a table (median, min, max seconds) and the ratios to base.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KIT = HERE.parent
sys.path.insert(0, str(HERE))

import submissions  # noqa: E402
from environment import default_env  # noqa: E402


def wall(cmd, cwd, env) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(map(str, cmd))}: exit {done.returncode}: {done.stderr[-500:]}")
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="21c0d89", help="the commit before the kernel layer")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--n", type=int, default=10, help="submissions in the batch")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="mpkit-kernel-cost-"))
    base = work / "base"
    subprocess.run(["git", "-C", str(KIT), "worktree", "add", "-q", "--detach", str(base), args.base], check=True)
    try:
        folder = work / "subs"
        submissions.generate(folder, args.n, seed=1, hangs=False)
        py = sys.executable
        env = default_env()
        base_env = {**env, "PYTHONPATH": str(base / "src")}
        seccomp = [py, str(KIT / "tests" / "without_landlock.py")]
        variants = {
            "base": (base, base_env, []),
            "kernel": (KIT, env, []),
            "no kernel": (KIT, env, seccomp),
        }
        times = {(v, what): [] for v in variants for what in ("single", "batch")}
        for i in range(args.repeats):
            for name, (kit, venv, wrap) in variants.items():
                grade = [*wrap, py, "-m", "mpkit.cli", "--kit", str(kit), "grade"]
                times[(name, "single")].append(wall([*grade, str(kit / "solutions")], kit, venv))
                if i < max(1, args.repeats // 3):  # the batch is long: fewer repeats
                    out = work / f"out-{name}-{i}"
                    times[(name, "batch")].append(
                        wall([*grade, "--batch", str(folder), "--out", str(out), "--jobs", "2", "--force"], kit, venv))
        print(f"| command | variant | median s | min s | max s | vs base |")
        print("|---|---|---|---|---|---|")
        for what, label in (("single", "mpkit grade solutions"), ("batch", f"mpkit grade --batch ({args.n}, jobs 2)")):
            base_median = statistics.median(times[("base", what)])
            for name in variants:
                values = times[(name, what)]
                median = statistics.median(values)
                print(f"| {label} | {name} | {median:.2f} | {min(values):.2f} | {max(values):.2f} | "
                      f"{100 * (median / base_median - 1):+.0f}% |")
    finally:
        subprocess.run(["git", "-C", str(KIT), "worktree", "remove", "--force", str(base)])
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
