"""A solution file cut into the parts an nbgrader notebook shows.

nbgrader replaces each `### BEGIN SOLUTION` ... `### END SOLUTION` region
with `raise NotImplementedError()`; it knows nothing of the kit's `### STUB:`
lines. So a solution file becomes three parts:

- the module (written with `%%writefile`): solution blocks keep nbgrader's
  markers; a block's comment STUB lines (a TODO) stay above it, its code STUB
  lines give way to nbgrader's stub. A block at the top level of the module
  is refused: its stub would raise on import.
- the quiz (`ANSWERS`, in a file of its own that is read, never run): the stub
  dict with None values, then the answered dict in a solution region, whose
  stub is harmless there because the file is never executed.
- the written explanation (`EXPLANATION`): a prompt and the reference text,
  for a manually graded answer cell.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from ...errors import MpkitError
from ...kit.stubs import BEGIN, END, STUB_LINE, STUB_SUFFIX, make_stub, strip_markers

QUIZ_NAME, EXPLANATION_NAME = "ANSWERS", "EXPLANATION"
NB_BEGIN, NB_END = "### BEGIN SOLUTION", "### END SOLUTION"


@dataclass(frozen=True)
class Parts:
    module: str  # module source with nbgrader solution regions
    quiz: str | None = None  # quiz file source with one nbgrader solution region
    explanation_prompt: str | None = None  # the question the explanation answers
    explanation: str | None = None  # the reference explanation


def split_solution(source: str, name: str) -> Parts:
    """Cut a solution file (kit markers) into notebook parts (nbgrader markers)."""
    lines = source.splitlines()
    try:
        tree = ast.parse(source, filename=name)
    except SyntaxError as exc:
        raise MpkitError(f"{name}:{exc.lineno}: not valid Python: {exc.msg}") from None
    spans = {}
    for target in (QUIZ_NAME, EXPLANATION_NAME):
        node = _last_assignment(tree, target)
        if node is not None:
            spans[target] = (_span(lines, node), node)
    quiz = explanation_prompt = explanation = None
    if QUIZ_NAME in spans:
        (start, end), _ = spans[QUIZ_NAME]
        quiz = _quiz_source("\n".join(lines[start:end]) + "\n", name)
    if EXPLANATION_NAME in spans:
        (start, end), node = spans[EXPLANATION_NAME]
        explanation_prompt = _prompt(lines[start:end])
        try:
            explanation = str(ast.literal_eval(node.value)).strip()
        except ValueError:
            raise MpkitError(f"{name}:{node.lineno}: {EXPLANATION_NAME} must be a plain string") from None
    kept = list(lines)
    for (start, end), _ in sorted(spans.values(), key=lambda s: s[0][0], reverse=True):
        del kept[start:end]
    module = _module_source(_squeeze_blank_lines(kept), name)
    return Parts(module, quiz, explanation_prompt, explanation)


def _last_assignment(tree: ast.Module, target: str):
    found = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == target for t in node.targets):
            found = node
    return found


def _span(lines: list[str], node: ast.stmt) -> tuple[int, int]:
    """0-based [start, end) of the assignment with the comments and markers around it."""
    start, end = node.lineno - 1, node.end_lineno
    while start > 0 and lines[start - 1].strip().startswith("#"):
        start -= 1
    while end < len(lines) and (END.match(lines[end]) or STUB_LINE.match(lines[end])):
        end += 1
    return start, end


def _prompt(lines: list[str]) -> str | None:
    """The plain comments above the assignment (not markers), as text."""
    text = []
    for line in lines:
        stripped = line.strip()
        if not stripped.startswith("#") or stripped.startswith("###"):
            if text:
                break
            continue
        text.append(stripped.lstrip("#").strip())
    return " ".join(text) or None


def _quiz_source(text: str, name: str) -> str:
    stub = make_stub(text, name).rstrip("\n")
    answered = strip_markers(text).splitlines()
    while answered and answered[0].lstrip().startswith("#"):  # the heading comment is in the stub already
        answered.pop(0)
    return "\n".join(
        [
            stub,
            "# This file is read, never run: the grader takes the last ANSWERS written here.",
            NB_BEGIN,
            *answered,
            NB_END,
        ]
    ) + "\n"


def _module_source(lines: list[str], name: str) -> str:
    out: list[str] = []
    block: list[str] | None = None
    for number, line in enumerate(lines, start=1):
        begin = BEGIN.match(line)
        if begin:
            if not begin.group(1):
                raise MpkitError(
                    f"{name}:{number}: a solution block at the top level of the module cannot go into an nbgrader "
                    "notebook (nbgrader's stub, `raise NotImplementedError()`, would run on import); "
                    "put it inside a function or under `if __name__ == \"__main__\":`"
                )
            block, indent = [], begin.group(1)
            out.append(line)
            continue
        if END.match(line):
            # A TODO comment of the stub stays above the region; code stub lines give way to nbgrader's stub.
            notes = [indent + text for text in block or [] if text.lstrip().startswith("#")]
            start = max(i for i, kept in enumerate(out) if BEGIN.match(kept))
            out[start:start] = notes
            out.append(line)
            block = None
            continue
        stub_line = STUB_LINE.match(line)
        if stub_line:
            if block is None:
                raise MpkitError(f"{name}:{number}: `### STUB:` outside a solution block has no nbgrader equivalent")
            block.append(stub_line.group(2))
            continue
        if STUB_SUFFIX.match(line):
            raise MpkitError(
                f"{name}:{number}: a `### STUB:` line ending is only understood in {QUIZ_NAME} for nbgrader"
            )
        out.append(line)
    if block is not None:
        raise MpkitError(f"{name}: ### BEGIN SOLUTION is never closed with ### END SOLUTION")
    return "\n".join(out).rstrip("\n") + "\n"


def _squeeze_blank_lines(lines: list[str]) -> list[str]:
    text = "\n".join(lines)
    return re.sub(r"\n{4,}", "\n\n\n", text).splitlines()
