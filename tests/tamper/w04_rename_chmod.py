# attack: renames, chmods, touches and deletes files of the submission (its own and q2's)
# task: q1
# honest: full
# holds: the submission and the kit are byte-identical afterwards; no task is graded on a changed file
import multiprocessing
import os


def _hidden(base):
    """A folder this run may not read: its environment names them."""
    for folder in os.environ.get("MPKIT_HIDDEN", "").split(os.pathsep):
        if os.path.basename(folder) == base:
            return folder
    return os.path.join("/nonexistent", base)


SOLUTION = os.path.join(_hidden("solutions"), "q5_worker_pool.py")
GRADER = os.path.join(_hidden("graders"), "test_q5_worker_pool.py")
MANIFEST = os.path.join(_hidden("config"), "manifest.yaml")

def _attack():
    import time

    here = os.path.dirname(os.path.abspath(__file__))
    done = []
    for door in (lambda: os.rename(os.path.join(here, "q2_processes_vs_threads.py"), os.path.join(here, "q2.bak")),
                 lambda: os.chmod(os.path.abspath(__file__), 0o777),
                 lambda: os.utime(os.path.abspath(__file__), (0, 0)),
                 lambda: os.remove(os.path.join(here, "q6_four_processes.py")),
                 lambda: open(os.path.join(here, "multiprocessing.py"), "w").close()):
        try:
            door()
            done.append("changed the submission")
        except OSError:
            pass
    return done


try:
    _won = _attack() if multiprocessing.current_process().name == "MainProcess" else None
except Exception as _exc:  # refused: what follows is the honest part
    _won, _refused = None, _exc
if _won:
    raise RuntimeError(f"TAMPER-WON {_won!r}"[:1800])


def _send_pid(queue):
    queue.put(os.getpid())


def child_pid():
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_send_pid, args=(queue,))
    child.start()
    pid = queue.get()
    child.join()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
