"""Grader files for students: the instructor's graders without hidden checks.

`public_grader()` finds, with `ast`, every test whose `@check` id is hidden
and the quiz test (all its checks are hidden), and removes them. Then it
removes what only those tests used: helper functions, constants, `RUNS`
entries and imported names, so no hidden input or expected value stays
behind. The rest of the file keeps its text, comments included.
"""
from __future__ import annotations

import ast
import inspect
import re

from ..errors import MpkitError

QUIZ_PARAM = "quiz_key"  # the quiz test is parametrized over this fixture (see pytest_plugin)
RUNS = "RUNS"


def _check_id(node) -> str | None:
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
    from .. import grading

    names = set()
    for node in kept:
        for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
            helper = getattr(grading, imported.get(_callee(call) or "", ""), None)
            if callable(helper):
                try:
                    params = inspect.signature(helper).parameters.values()
                except (TypeError, ValueError):
                    continue
                names |= {p.default for p in params if isinstance(p.default, str)}
    return names


def public_grader(source: str, hidden: set, name: str = "<grader>") -> str:
    """The grader `source` without the tests of the `hidden` check ids (and the quiz test)."""
    body, dropped, runs_at, dropped_runs, dropped_imports = _analyse(source, hidden, name)
    text = _rewrite(source, body, dropped, runs_at, dropped_runs, dropped_imports)
    _verify(text, hidden, name)
    return text


def hidden_only_runs(source: str, hidden: set, name: str = "<grader>") -> set:
    """Names of the RUNS that only hidden checks read (their inputs are hidden too)."""
    return _analyse(source, hidden, name)[3]


def _analyse(source: str, hidden: set, name: str):
    """What to leave out: top-level statements, RUNS keys and imported names."""
    body = ast.parse(source, filename=name).body
    dropped = {
        i for i, node in enumerate(body)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and (_check_id(node) in hidden or _is_quiz_test(node))
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
                    (gone if _key(key) in dropped_runs else kept).append(value)
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
                if _key(key) not in dropped_runs and _key(key) in _strings(gone) - strings:
                    dropped_runs.add(_key(key))
                    changed = True
        for alias in imported:
            if alias not in dropped_imports and alias in used_by_gone - used:
                dropped_imports.add(alias)
                changed = True
        if not changed:
            break
    return body, dropped, runs_at, dropped_runs, dropped_imports


def _key(node):
    return node.value if isinstance(node, ast.Constant) else None


def _span(node) -> tuple[int, int]:
    """First and last line (1-based) of a statement, decorators included."""
    first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    return first, node.end_lineno


def _rewrite(source, body, dropped, runs_at, dropped_runs, dropped_imports) -> str:
    lines = source.splitlines(keepends=True)
    replace: dict[int, tuple[int, str]] = {}  # first line -> (last line, new text)
    for i in sorted(dropped):
        first, last = _span(body[i])
        while first > 1 and lines[first - 2].lstrip().startswith("#"):  # comments that introduce it
            first -= 1
        replace[first] = (last, "")
    if runs_at is not None and dropped_runs:
        replace.update(_without_runs(lines, body[runs_at], dropped_runs))
    for node in body:
        if isinstance(node, ast.ImportFrom) and any((a.asname or a.name) in dropped_imports for a in node.names):
            first, last = _span(node)
            names = [a for a in node.names if (a.asname or a.name) not in dropped_imports]
            replace[first] = (last, _import_text(node, names))
    out, number = [], 1
    while number <= len(lines):
        if number in replace:
            last, text = replace[number]
            out.append(text)
            number = last + 1
        else:
            out.append(lines[number - 1])
            number += 1
    text = re.sub(r"\n{4,}", "\n\n\n", "".join(out))  # at most two blank lines where code went
    return text.rstrip("\n") + "\n"


def _without_runs(lines, node, dropped_runs) -> dict:
    """Remove the RUNS entries line by line when each has lines of its own, else rewrite RUNS."""
    mapping = node.value
    entries = list(zip(mapping.keys, mapping.values))
    spans = [(k.lineno, v.end_lineno) for k, v in entries]
    own = all(
        a > mapping.lineno and b < mapping.end_lineno
        and all(b < a2 or b2 < a for j, (a2, b2) in enumerate(spans) if j != n)
        for n, (a, b) in enumerate(spans)
    )
    if own:
        return {a: (b, "") for (k, _), (a, b) in zip(entries, spans) if _key(k) in dropped_runs}
    kept = [(k, v) for k, v in entries if _key(k) not in dropped_runs]
    new = ast.Assign(targets=node.targets, value=ast.Dict(keys=[k for k, _ in kept], values=[v for _, v in kept]))
    return {_span(node)[0]: (_span(node)[1], ast.unparse(ast.fix_missing_locations(new)) + "\n")}


def _import_text(node: ast.ImportFrom, names) -> str:
    if not names:
        return ""
    parts = [a.name if not a.asname else f"{a.name} as {a.asname}" for a in names]
    head = f"from {'.' * node.level}{node.module or ''} import "
    one = head + ", ".join(parts)
    if len(one) <= 110:
        return one + "\n"
    rows, row = [], ""
    for part in parts:
        if row and len(head) + 1 + len(row) + len(part) + 2 > 110:
            rows.append(row + ",")
            row = ""
        row = f"{row}, {part}" if row else part
    rows.append(row + ")")
    pad = "\n" + " " * (len(head) + 1)
    return head + "(" + pad.join(rows) + "\n"


def _verify(text: str, hidden: set, name: str) -> None:
    try:
        tree = ast.parse(text, filename=name)
    except SyntaxError as exc:  # a bug in this module, not the user's mistake
        raise AssertionError(f"public grader made from {name} is not valid Python: {exc}") from exc
    left = sorted({_check_id(n) for n in ast.walk(tree)} & hidden)
    if left:
        raise MpkitError(f"{name}: hidden check(s) {', '.join(left)} are not top-level tests; "
                         "they cannot be left out of the student bundle")
