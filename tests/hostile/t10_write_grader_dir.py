# hostile: overwrites the grader's files and the results file, then does the task wrong
# task: q5
# fails: squares_list squares_other_inputs pool_of_four squares_in_workers program_prints works_under_spawn no_leftover_processes
# says: may not change the grader's
import json
import multiprocessing
import os


def _grading_process_args():
    """(cmdline, cwd) of each ancestor process, nearest first (Linux)."""
    pid = os.getppid()
    while pid > 1:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                args = [a.decode() for a in f.read().split(b"\0")]
            cwd = os.readlink(f"/proc/{pid}/cwd")
            with open(f"/proc/{pid}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError):
            return
        yield args, cwd
        pid = parent


def _targets():
    """The kit folder and the results file of the grading process.
    Only a test's throwaway kit copy: never a developer's checkout."""
    for args, cwd in _grading_process_args():
        kit = args[args.index("--kit") + 1] if "--kit" in args else cwd
        if "mpkit-hostile-kit" not in kit or not os.path.isdir(os.path.join(kit, "graders")):
            continue
        out = args[args.index("--out") + 1] if "--out" in args else None
        return kit, out
    return None, None


def worker_function(x):
    return x * x


def square_all(numbers):
    kit, out = _targets()
    if out:
        try:
            with open(out, "w") as f:
                json.dump({"score": 1000, "tests": []}, f)
        except OSError:
            pass
    if kit:
        grader = os.path.join(kit, "graders", "test_q5_worker_pool.py")
        with open(grader, "w") as f:  # the grader's own file: refused
            f.write("def test_everything():\n    pass\n")
    with multiprocessing.Pool(processes=4) as pool:
        return pool.map(worker_function, numbers)


if __name__ == "__main__":
    print(square_all([1, 2, 3, 4, 5]))
