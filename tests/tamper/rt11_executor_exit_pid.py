# attack: a Q1 whose child's code sends nothing: a ProcessPoolExecutor(max_workers=1, max_tasks_per_child=1) (spawn context) runs abs(0) once; the library's worker then puts its own PID in its last result message (_ResultItem.exit_pid) and the executor's thread in the parent reads it, so the kernel saw the PID travel from the child to the parent; child_pid() returns the worker's PID read off executor._processes (a dict's key: no Process.pid read)
# task: q1
# honest: 4
# measured: the same file without max_tasks_per_child: 4; with it 8 (full), observer on and MPKIT_OBSERVE=0
# holds: returns_child_pid, child_joined and works_under_spawn fail: no code of the task's sent the PID
import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def child_pid():
    # The child's code sends nothing: with max_tasks_per_child, the executor's worker puts its own
    # PID (exit_pid) in its last result message, and the parent's executor thread reads it.
    with ProcessPoolExecutor(max_workers=1, max_tasks_per_child=1,
                             mp_context=multiprocessing.get_context("spawn")) as executor:
        future = executor.submit(abs, 0)
        pid = next(iter(executor._processes))  # the worker, read off the executor (no Process.pid read)
        future.result()
    return pid


ANSWERS = {"separate_memory": True, "uses_multiple_cores": True, "child_changes_parent_globals": False}
