"""Judging a run's record: the checks every task shares.

- `api`: `@check`, `expect`, `fail` and `CheckFailed` (expected / observed / hint)
- `values`: a recorded value shown the way Python would, what a call returned
- `processes`: joins, processes started at import, exit codes, leftovers
- `pools`: pool sizes, ThreadPool, pools shut down
- `spawn`: the spawn run, and why code fails only under spawn
- `quiz`: the quiz answers and the two quiz checks
- `trouble`: what went wrong in a run (a child's last error, the hint for it)

This namespace is what graders get through `mpkit.grading` (which adds
`TaskRuns`, the type of the `runs` fixture); engine/grader_source.py looks
helpers up here to read the run names their defaults name.
"""
from __future__ import annotations

from ..sandbox.record import Proc, RunRecord
from ..sandbox.runner import CPU_COUNT
from ..sandbox.spec import RunSpec, probe
from .api import CheckFailed, check, expect, fail, plural
from .pools import THREAD_POOL_HINT, describe_pool, pool_hint, pool_shut_down, pool_sizes, pools_of, used_thread_pool
from .processes import (describe_children, exit_code_hint, import_hint, joined_by_main, no_leftovers, pid_copied,
                        pid_shared, pid_travelled, started_at_import)
from .quiz import problem, quiz_answered, quiz_correct, read_answers
from .spawn import SPAWN_FRESH, spawn_run, under_spawn
from .trouble import child_trouble, last_error
from .values import returned_value, shown

__all__ = [
    "CPU_COUNT", "CheckFailed", "Proc", "RunRecord", "RunSpec", "SPAWN_FRESH", "THREAD_POOL_HINT", "check",
    "child_trouble", "describe_children", "describe_pool", "exit_code_hint", "expect", "fail", "import_hint",
    "joined_by_main", "last_error", "no_leftovers", "pid_copied", "pid_shared", "pid_travelled", "plural", "pool_hint",
    "pool_shut_down", "pool_sizes", "pools_of",
    "probe", "problem", "quiz_answered", "quiz_correct", "read_answers", "returned_value", "shown", "spawn_run",
    "started_at_import", "under_spawn", "used_thread_pool",
]
