"""Grader files for students: the instructor's graders without hidden checks.

`public_grader()` finds, with `ast` (engine/grader_source.py), every test
whose `@check` id is hidden and the quiz test (all its checks are hidden),
and removes them. Then it removes what only those tests used: helper
functions, constants, `RUNS` entries and imported names, so no hidden input
or expected value stays behind. The rest of the file keeps its text,
comments included.
"""
from __future__ import annotations

import ast
import re

from ..engine.grader_source import analyse, check_id_of, run_key
from ..errors import MpkitError


def public_grader(source: str, hidden: set, name: str = "<grader>") -> str:
    """The grader `source` without the tests of the `hidden` check ids (and the quiz test)."""
    body, dropped, runs_at, dropped_runs, dropped_imports = analyse(source, hidden, name)
    text = _rewrite(source, body, dropped, runs_at, dropped_runs, dropped_imports)
    _verify(text, hidden, name)
    return text


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
        return {a: (b, "") for (k, _), (a, b) in zip(entries, spans) if run_key(k) in dropped_runs}
    kept = [(k, v) for k, v in entries if run_key(k) not in dropped_runs]
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
    left = sorted({check_id_of(n) for n in ast.walk(tree)} & hidden)
    if left:
        raise MpkitError(f"{name}: hidden check(s) {', '.join(left)} are not top-level tests; "
                         "they cannot be left out of the student bundle")
