"""What a grader file says about its hidden checks, read with `ast`.

A grader is a pytest module: `@check("id")` marks each test with its
manifest check, `RUNS` names its runs, and the quiz test takes the
`quiz_key` fixture. `analyse()` finds the tests of the hidden check ids,
then, step by step, what only they use: helper functions, constants, `RUNS`
entries and imported names. `TaskRuns` uses it to keep a hidden run's inputs
out of public messages (`hidden_only_runs`); `courses/public_graders.py`
uses it to write the graders students get.

A run name can also be read through a helper's default (`spawn_run(runs)`
reads the run "spawn"): the helpers are looked up among the shared checks
(`mpkit.checks`, the names `mpkit.grading` gives graders).
"""
from __future__ import annotations

import ast
import inspect

from .. import checks


QUIZ_PARAM = "quiz_key"  # the quiz test is parametrized over this fixture (see engine/plugin.py)
RUNS = "RUNS"


def check_id_of(node) -> str | None:
    for dec in getattr(node, "decorator_list", []):
        if (isinstance(dec, ast.Call) and _callee(dec) == "check" and dec.args
                and isinstance(dec.args[0], ast.Constant) and isinstance(dec.args[0].value, str)):
            return dec.args[0].value
    return None


def _callee(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _is_quiz_test(node) -> bool:
    args = node.args
    return any(a.arg == QUIZ_PARAM for a in args.posonlyargs + args.args + args.kwonlyargs)


def _defined(node) -> set:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
    return {t.id for t in targets if isinstance(t, ast.Name)}


def _loads(nodes) -> set:
    return {n.id for node in nodes for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _strings(nodes) -> set:
    return {n.value for node in nodes for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _runs_dict(node) -> ast.Dict | None:
    if _defined(node) == {RUNS} and isinstance(getattr(node, "value", None), ast.Dict):
        return node.value
    return None


def _default_run_names(kept, imported: dict) -> set:
    """Run names the kept code uses through a helper's default (e.g. spawn_run(runs) reads "spawn")."""
    names = set()
    for node in kept:
        for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
            helper = getattr(checks, imported.get(_callee(call) or "", ""), None)
            if callable(helper):
                try:
                    params = inspect.signature(helper).parameters.values()
                except (TypeError, ValueError):
                    continue
                names |= {p.default for p in params if isinstance(p.default, str)}
    return names


def hidden_only_runs(source: str, hidden: set, name: str = "<grader>") -> set:
    """Names of the RUNS that only hidden checks read (their inputs are hidden too)."""
    return analyse(source, hidden, name)[3]


def analyse(source: str, hidden: set, name: str):
    """What to leave out: top-level statements, RUNS keys and imported names."""
    body = ast.parse(source, filename=name).body
    dropped = {
        i for i, node in enumerate(body)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and (check_id_of(node) in hidden or _is_quiz_test(node))
    }
    runs_at = next((i for i, node in enumerate(body) if _runs_dict(node) is not None), None)
    dropped_runs: set = set()  # RUNS keys only hidden tests read
    dropped_imports: set = set()
    imported = {
        (a.asname or a.name): a.name for node in body if isinstance(node, ast.ImportFrom) for a in node.names
    }
    while True:
        kept, gone = [], [body[i] for i in dropped]
        for i, node in enumerate(body):
            if i in dropped or isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            if i == runs_at:
                for key, value in zip(_runs_dict(node).keys, _runs_dict(node).values):
                    (gone if run_key(key) in dropped_runs else kept).append(value)
                continue
            kept.append(node)
        used, used_by_gone = _loads(kept), _loads(gone)
        strings = _strings(kept) | _default_run_names(kept, imported)
        changed = False
        for i, node in enumerate(body):
            names = _defined(node)
            if i not in dropped and names and i != runs_at and names <= used_by_gone - used:
                dropped.add(i)
                changed = True
        if runs_at is not None:
            for key in _runs_dict(body[runs_at]).keys:
                if run_key(key) not in dropped_runs and run_key(key) in _strings(gone) - strings:
                    dropped_runs.add(run_key(key))
                    changed = True
        for alias in imported:
            if alias not in dropped_imports and alias in used_by_gone - used:
                dropped_imports.add(alias)
                changed = True
        if not changed:
            break
    return body, dropped, runs_at, dropped_runs, dropped_imports


def run_key(node):
    return node.value if isinstance(node, ast.Constant) else None
