"""Quiz answers, read from the task file's source without running it, and
the two quiz checks (every statement answered; each answer right).

The answers are what the student wrote: `ANSWERS = {"key": True, ...}` as a
literal. Reading the source (not the running module) means no code of the
submission can compute or fake them at grading time.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from .api import CheckFailed, expect, fail


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
                value, found = _literal(node.value, source), True
            except (ValueError, TypeError):  # TypeError: an unhashable key
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


@dataclass(frozen=True)
class NotLiteral:
    """A dict value that is not a plain literal (`true`, `yes`): its source text,
    kept so that the quiz can say what was written instead of True or False."""

    source: str


def _literal(node: ast.expr, source: str):
    """A literal, or `dict(key=literal, ...)`, the other way students write a
    dict. A dict's values are read one by one: one that is not a literal
    becomes NotLiteral, so the other answers can still be read."""

    def value(v):
        try:
            return ast.literal_eval(v)
        except ValueError:
            return NotLiteral(ast.get_source_segment(source, v) or "?")

    if isinstance(node, ast.Dict) and None not in node.keys:
        return {ast.literal_eval(k): value(v) for k, v in zip(node.keys, node.values)}
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict"
            and not node.args and all(k.arg is not None for k in node.keywords)):
        return {k.arg: value(k.value) for k in node.keywords}
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


WRITE_BOOL = "Write True or False: a capital first letter, no quotes."


def problem(answers: dict, key: str) -> tuple[str, str] | None:
    """What is wrong with the answer to `key`, as (observed, hint); None when it is True or False."""
    if key not in answers:
        return f"{key!r} is missing from ANSWERS", "Keep every key of the stub in ANSWERS. " + WRITE_BOOL
    value = answers[key]
    if isinstance(value, bool):
        return None
    if value is None:
        return "not answered yet (still None)", "Replace None with True or False (no quotes)."
    if isinstance(value, str) and value.strip().capitalize() in ("True", "False"):
        word = value.strip().capitalize()
        return (f"you wrote the text {value!r} in quotes",
                f"Write {word} without quotes: {value!r} is a piece of text, not the truth value {word}.")
    if isinstance(value, (int, float)) and value in (0, 1):
        return f"you wrote the number {value!r}", "Write True or False, not 1 or 0."
    if isinstance(value, NotLiteral):
        if value.source.strip().capitalize() in ("True", "False"):
            word = value.source.strip().capitalize()
            return (f"you wrote {value.source}, a name Python does not know (it has True and False, with a capital "
                    f"letter), so importing your file fails with NameError: name {value.source!r} is not defined",
                    f"Write {word}, with a capital {word[0]}.")
        return f"you wrote {value.source}, which is not True or False", WRITE_BOOL
    return f"you wrote {value!r}, which is not True or False", WRITE_BOOL


def quiz_answered(task, task_file) -> None:
    answers = read_answers(task_file)
    keys = [q.key for q in task.quiz]
    problems = {k: problem(answers, k) for k in keys}
    problems = {k: p for k, p in problems.items() if p}
    expect(
        not problems,
        expected="every statement in ANSWERS answered with True or False",
        observed="; ".join(f"{k}: {observed}" for k, (observed, _) in problems.items()),
        hint=" ".join(dict.fromkeys(hint for _, hint in problems.values())),  # each hint once
    )
    extra = sorted(set(answers) - set(keys), key=str)
    expect(
        not extra,
        expected=f"only the keys of the stub in ANSWERS ({', '.join(keys)})",
        observed=f"unknown keys: {', '.join(map(str, extra))}",
        hint="Keep the keys from the stub exactly as they are.",
    )


def quiz_correct(task, task_file, key: str) -> None:
    item = next(q for q in task.quiz if q.key == key)
    answers = read_answers(task_file)
    wrong = problem(answers, key)
    if wrong:  # not True or False: say what was written, not "think again"
        fail(expected=f"True or False as the answer to: {item.statement}", observed=f"ANSWERS[{key!r}]: {wrong[0]}",
             hint=wrong[1])
    answer = answers[key]
    expect(
        answer is item.answer,
        expected=f"the right answer to: {item.statement}",
        observed=f"ANSWERS[{key!r}] is {answer!r}",
        hint="Think again about this statement; the notes for this question explain it.",
    )
