"""What grader files import: the check API and the checks every task shares.

A grader module sets `TASK` (the manifest id) and `RUNS` (name -> RunSpec),
and defines one test per manifest check, marked `@check("id")`, taking the
`runs` fixture (a `TaskRuns`). The helpers read a run's record in words a
student understands; they live in `mpkit.checks` (one module per thing they
judge) and this module is their one public address.
"""
from __future__ import annotations

from .checks import (CPU_COUNT, SPAWN_FRESH, THREAD_POOL_HINT, CheckFailed, Proc, RunRecord, RunSpec, check,
                     child_trouble, describe_children, describe_pool, exit_code_hint, expect, fail, import_hint,
                     joined_by_main, last_error, no_leftovers, pid_copied, pid_shared, pid_travelled, plural, pool_hint,
                     pool_shut_down, pool_sizes, pools_of, probe, problem, quiz_answered, quiz_correct, read_answers,
                     returned_value, shown, spawn_run, started_at_import, under_spawn, used_thread_pool)
from .engine.task_runs import TaskRuns

# Importable from here too, as before: Proc, RunRecord, SPAWN_FRESH, TaskRuns, problem, read_answers, under_spawn.

__all__ = [
    "CheckFailed", "RunSpec", "check", "expect", "fail", "plural", "probe",
    "describe_children", "joined_by_main", "no_leftovers", "quiz_answered", "quiz_correct",
    "returned_value", "shown", "spawn_run", "child_trouble", "exit_code_hint", "last_error", "started_at_import",
    "import_hint", "pool_sizes", "pools_of", "pool_hint", "describe_pool", "used_thread_pool", "THREAD_POOL_HINT", "CPU_COUNT",
    "pool_shut_down", "pid_copied", "pid_shared", "pid_travelled",
]
