"""The spawn start method: its run, and why code that works under fork fails under it.

`runs` is the task's `TaskRuns` (the `runs` fixture, engine/task_runs.py).
"""
from __future__ import annotations

from ..sandbox.record import RunRecord
from .api import CheckFailed, expect
from .trouble import child_trouble


def spawn_run(runs, name: str = "spawn") -> RunRecord:
    """The spawn-method run, which must have returned and really used spawn."""
    run = runs.returned(name)
    methods = sorted({p.method for p in run.children() if p.method})
    expect(
        not methods or methods == ["spawn"],
        expected="the code to use the start method the grader chose (spawn)",
        observed=f"your code forced the start method to {', '.join(methods)}",
        hint="Do not call set_start_method(..., force=True) or get_context() with a fixed method: "
        "the task must work under every start method.",
    )
    return run


SPAWN_FRESH = ("If it works under fork: a spawn child starts a fresh interpreter and imports your file again, "
               "so globals your code set while running are back to their import-time values there; "
               "pass what a child needs as arguments.")


def under_spawn(runs, assertion, name: str = "spawn") -> None:
    """Run a task's own assertion on its spawn run, explaining spawn-only failures."""
    try:
        run = spawn_run(runs, name)
    except CheckFailed as exc:
        # The spawn tip is for a call that fails only under spawn; a file that
        # does not import fails under every start method.
        if not exc.hint.startswith("Read the traceback") or runs.get(name).first("import_error"):
            raise
        raise CheckFailed(exc.expected, exc.observed, exc.hint + " " + SPAWN_FRESH) from None
    try:
        assertion(run)
    except CheckFailed as exc:
        trouble = child_trouble(run)
        hint = exc.hint
        if "bootstrapping phase" in trouble:
            hint = 'Under spawn each child imports your file again: create processes only under `if __name__ == "__main__":` or inside functions.'
        elif "pickle" in trouble.lower() or "Can't get attribute" in trouble:
            hint = "Under spawn the target is pickled: use a function defined at the top level of the module."
        raise CheckFailed(
            expected=f"{exc.expected} (under the 'spawn' start method)",
            observed=exc.observed + (f"; {trouble}." if trouble else ""),
            hint=hint,
        ) from None
