"""mpkit benchmark: `python bench/run.py OUT_DIR [--n 50] [--repeats 5]`.

In one run it measures, on this machine:
1. one full submission (the reference solutions): `pytest graders/` and
   `mpkit grade`, whole process, median/min/max of several runs; and where the
   time goes per task and phase (interpreter start, import, student code,
   teardown, checks);
2. a batch of N generated submissions (correct, wrong and broken, from a
   seed) with `mpkit grade --batch`: submissions per second, peak memory of
   the whole process tree, and throughput with --jobs 1, 2 and the CPU count;
3. the same N submissions as nbgrader notebooks through `nbgrader autograde`
   (skipped with a note when nbgrader is not installed), and the ratio;
4. writes OUT_DIR/results.md (a table) and OUT_DIR/throughput.png.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KIT = HERE.parent
sys.path.insert(0, str(HERE))

import submissions  # noqa: E402
from environment import default_env  # noqa: E402




def wall_time(cmd, cwd=KIT) -> float:
    """Wall time of a command, with nothing else of ours using the CPU meanwhile."""
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=default_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def timed(cmd, cwd=KIT, env=None) -> tuple[float, int]:
    """Wall time and peak RSS (bytes, whole process tree) of a command, sampled every 50 ms."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or default_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        try:
            root = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not stop.is_set():
            total = 0
            try:
                for p in [root, *root.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            peak = max(peak, total)
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    return elapsed, peak


def machine_speed() -> float:
    """Seconds for a fixed pure-Python loop: how fast this machine was at the
    time (shared machines vary from run to run)."""
    start = time.perf_counter()
    total = 0
    for i in range(10**7):
        total += i
    return time.perf_counter() - start


def stats(values) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def single_submission(repeats: int) -> dict:
    py = sys.executable
    out = {}
    for label, cmd in (
        ("pytest graders/ --submission solutions", [py, "-m", "pytest", "graders/", "--submission", "solutions", "-q"]),
        ("mpkit grade solutions", [py, "-m", "mpkit.cli", "grade", "solutions", "--out", os.devnull]),
    ):
        wall_time(cmd)  # warm the file cache
        out[label] = stats([wall_time(cmd) for _ in range(repeats)])
    return out


def phases() -> list[dict]:
    """Grade the solutions in this process; split each task's time into phases."""
    import pytest

    from mpkit.engine.plugin import SESSION

    durations: dict[str, float] = {}

    class Collect:
        def pytest_runtest_logreport(self, report):
            if report.when == "call":
                task = Path(report.location[0]).stem
                durations[task] = durations.get(task, 0.0) + report.duration

        def pytest_sessionfinish(self, session):
            self.grading = session.config.pluginmanager.get_plugin(SESSION)

    collect = Collect()
    import contextlib
    import io

    args = ["graders/", "--submission", "solutions", "-q", "-p", "no:cacheprovider"]
    with contextlib.redirect_stdout(io.StringIO()):
        pytest.main(args, plugins=[collect])
    rows = []
    for task_id, task_runs in collect.grading.task_runs.items():
        row = {"task": task_id, "runs": 0, "start": 0.0, "import": 0.0, "student": 0.0, "teardown": 0.0}
        for record in task_runs.records().values():
            if record is None:
                continue
            main = [e for e in record.events if e["pid"] == record.main_pid]
            at = {e["e"]: e["t"] for e in main}
            born = at.get("born", record.started_ns)
            begin = at.get("call_start", at.get("run_start", born))
            end = at.get("call_end", at.get("main_end", begin))
            row["runs"] += 1
            row["start"] += (born - record.started_ns) / 1e9
            row["import"] += (at.get("import_end", begin) - at.get("import_start", begin)) / 1e9
            row["student"] += (end - begin) / 1e9
            row["teardown"] += (record.ended_ns - end) / 1e9
        row["checks+wait"] = durations.get(Path(task_runs.task.grader).stem, 0.0)
        rows.append(row)
    return sorted(rows, key=lambda r: r["task"])


def batch(folder: Path, jobs_list, results_root: Path) -> dict:
    out = {}
    for jobs in jobs_list:
        results = results_root / f"jobs{jobs}"
        cmd = [sys.executable, "-m", "mpkit.cli", "grade", "--batch", str(folder), "--out", str(results),
               "--jobs", str(jobs)]
        elapsed, peak = timed(cmd)
        out[jobs] = {"seconds": elapsed, "peak_rss": peak}
    return out


def nbgrader_batch(folder: Path, work: Path) -> dict | None:
    """Autograde the same submissions as nbgrader notebooks; None without nbgrader."""
    try:
        import nbgrader  # noqa: F401
    except ImportError:
        return None
    import nbgrader_course

    course = nbgrader_course.build_course(folder, work / "course")
    cmd = [sys.executable, "-m", "nbgrader", "autograde", nbgrader_course.NAME]
    elapsed, peak = timed(cmd, cwd=course, env=nbgrader_course._env())
    return {"seconds": elapsed, "peak_rss": peak}


def write_outputs(out: Path, n: int, single: dict, rows: list, jobs: dict, nb: dict | None, memory: dict,
                  speed: tuple) -> None:
    out.mkdir(parents=True, exist_ok=True)
    lines = ["# mpkit benchmark", "", f"Machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; "
             "timed commands run with Python's default bytecode cache (PYTHONDONTWRITEBYTECODE unset). "
             f"Machine speed: a 10^7-step Python loop took {speed[0]:.2f} s at the start and {speed[1]:.2f} s "
             "at the end.", ""]
    lines += ["## One submission (reference solutions), whole process", "",
              "| command | median s | min s | max s |", "|---|---|---|---|"]
    for label, s in single.items():
        lines.append(f"| `{label}` | {s['median']:.2f} | {s['min']:.2f} | {s['max']:.2f} |")
    lines += ["", "## Where the time goes (seconds, summed over each task's runs)", "",
              "| task | runs | interpreter start | import | student code | teardown | checks (incl. waiting for runs) |",
              "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['task']} | {r['runs']} | {r['start']:.2f} | {r['import']:.3f} | {r['student']:.2f} | "
                     f"{r['teardown']:.2f} | {r['checks+wait']:.2f} |")
    lines += ["", f"## Batch of {n} generated submissions", "",
              "| grader | jobs | seconds | submissions/s | peak memory MiB |", "|---|---|---|---|---|"]
    for j, m in jobs.items():
        lines.append(f"| mpkit | {j} | {m['seconds']:.1f} | {n / m['seconds']:.2f} | {m['peak_rss'] / 2**20:.0f} |")
    if nb:
        lines.append(f"| nbgrader autograde | 1 | {nb['seconds']:.1f} | {n / nb['seconds']:.2f} | {nb['peak_rss'] / 2**20:.0f} |")
        best = min(m["seconds"] for m in jobs.values())
        lines += ["", f"mpkit's best batch time is {nb['seconds'] / best:.1f}x faster than nbgrader's on the same submissions."]
    else:
        lines += ["", "nbgrader is not installed here: its comparison was skipped (`pip install -e \".[nbgrader]\"`)."]
    if memory:
        lines += ["", "Peak memory by batch size (jobs = CPU count): "
                  + ", ".join(f"N={k}: {v / 2**20:.0f} MiB" for k, v in memory.items())]
    (out / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plot (pip install -e \".[bench]\")", file=sys.stderr)
        return
    fig, ax = plt.subplots(figsize=(6, 4))
    xs = list(jobs)
    ax.plot(xs, [n / jobs[j]["seconds"] for j in xs], marker="o", label="mpkit grade --batch")
    if nb:
        ax.axhline(n / nb["seconds"], color="tab:red", linestyle="--", label="nbgrader autograde (serial)")
    ax.set_xlabel("--jobs")
    ax.set_ylabel("submissions per second")
    ax.set_xticks(xs)
    ax.set_ylim(bottom=0)
    ax.legend()
    ax.set_title(f"Grading {n} submissions on {os.cpu_count()} CPUs")
    fig.tight_layout()
    fig.savefig(out / "throughput.png", dpi=100)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for results.md and throughput.png")
    parser.add_argument("--n", type=int, default=50, help="submissions in the batch (default 50)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5, help="runs of each single-submission command")
    parser.add_argument("--no-nbgrader", action="store_true", help="skip the nbgrader comparison")
    args = parser.parse_args(argv)
    cpus = os.cpu_count() or 1
    jobs_list = sorted({1, 2, cpus})
    speed_before = machine_speed()
    print("timing one submission ...", file=sys.stderr)
    single = single_submission(args.repeats)
    print("splitting into phases ...", file=sys.stderr)
    rows = phases()
    with tempfile.TemporaryDirectory(prefix="mpkit-bench-") as tmp:
        tmp = Path(tmp)
        kinds = submissions.generate(tmp / "subs", args.n, args.seed)
        print(f"batch of {args.n}: " + ", ".join(f"{k}={list(kinds.values()).count(k)}" for k in sorted(set(kinds.values()))),
              file=sys.stderr)
        jobs = batch(tmp / "subs", jobs_list, tmp / "results")
        memory = {}
        half = max(1, args.n // 2)
        submissions.generate(tmp / "half", half, args.seed)
        memory[half] = batch(tmp / "half", [cpus], tmp / "results-half")[cpus]["peak_rss"]
        memory[args.n] = jobs[cpus]["peak_rss"]
        nb = None if args.no_nbgrader else nbgrader_batch(tmp / "subs", tmp)
    write_outputs(args.out, args.n, single, rows, jobs, nb, memory, (speed_before, machine_speed()))
    print((args.out / "results.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
