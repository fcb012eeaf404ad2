"""Quiz answers, read from the task file's source without running it.

The answers are what the student wrote: `ANSWERS = {"key": True, ...}` as a
literal. Reading the source (not the running module) means no code of the
submission can compute or fake them at grading time.
"""
from __future__ import annotations

import ast
from pathlib import Path

from .checks import CheckFailed


def read_literal(path: Path, name: str):
    """The literal value assigned to top-level `name` in the file."""
    if not path.is_file():
        raise CheckFailed(
            expected=f"a file named {path.name} in your submission",
            observed=f"there is no {path.name}",
            hint="Keep the file name from the exercise.",
        )
    source = path.read_text(encoding="utf-8", errors="replace")
    try:
        tree = ast.parse(source, filename=path.name)
    except SyntaxError as exc:
        raise CheckFailed(
            expected=f"{path.name} to be valid Python",
            observed=f"SyntaxError at line {exc.lineno}: {exc.msg}",
            hint=f"Fix the syntax; `python {path.name}` shows the line with the mistake.",
        ) from None
    value, found = None, False
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == name for t in targets) and node.value is not None:
            try:
                value, found = _literal(node.value), True
            except ValueError:
                raise CheckFailed(
                    expected=f"{name} written out as a plain literal",
                    observed=f"{name} is computed (line {node.lineno}), so it cannot be read as your answer",
                    hint=f'Write {name} = {{"key": True, ...}} with each value True or False.',
                ) from None
    if not found:
        raise CheckFailed(
            expected=f"a top-level {name} in {path.name}",
            observed=f"{path.name} does not define {name}",
            hint="Keep the ANSWERS dict from the stub and fill in its values.",
        )
    return value


def _literal(node: ast.expr):
    """A literal, or `dict(key=literal, ...)`, the other way students write a dict."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict"
            and not node.args and all(k.arg is not None for k in node.keywords)):
        return {k.arg: ast.literal_eval(k.value) for k in node.keywords}
    return ast.literal_eval(node)


def read_answers(path: Path) -> dict:
    answers = read_literal(path, "ANSWERS")
    if not isinstance(answers, dict):
        raise CheckFailed(
            expected="ANSWERS to be a dict",
            observed=f"ANSWERS is a {type(answers).__name__}",
            hint='Keep the form ANSWERS = {"key": True, ...}.',
        )
    return answers


def unanswered(answers: dict, keys) -> list[str]:
    return [k for k in keys if not isinstance(answers.get(k), bool)]
