# hostile: copies the reference solution out of the grader's hidden folder at import
# task: q4
# fails: runs
# says: may not read the grader's files
import os


def _kit():
    """The kit folder of the grading process (its --kit or working folder), Linux."""
    pid = os.getppid()
    while pid > 1:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                args = [a.decode() for a in f.read().split(b"\0")]
        except PermissionError:  # the guard refuses another process's /proc entry: ask the environment
            break
        if "--kit" in args:
            return args[args.index("--kit") + 1]
        try:
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:  # the kernel sandbox hides other processes' folders
            cwd = ""
        if cwd and os.path.isdir(os.path.join(cwd, "solutions")):
            return cwd
        with open(f"/proc/{pid}/stat") as f:
            pid = int(f.read().rsplit(")", 1)[1].split()[1])
    # The run's environment names the folders it may not read.
    for folder in os.environ.get("MPKIT_HIDDEN", "").split(os.pathsep):
        if os.path.basename(folder) == "solutions":
            return os.path.dirname(folder)
    return "."


with open(os.path.join(_kit(), "solutions", "q4_pool.py")) as _f:
    exec(_f.read())  # the reference parallel_map, and its ANSWERS

ANSWERS = {"map_keeps_order": True, "workers_are_reused": True, "map_runs_in_parent": False}
