"""Stubs are made from the solutions: one source for both.

In a solution file:
- a block between `### BEGIN SOLUTION` and `### END SOLUTION` is left out of
  the stub. In its place the stub gets the block's `### STUB: text` lines,
  or, when it has none, a TODO and `raise NotImplementedError`;
- a line ending with `### STUB: text` becomes `text` in the stub (same
  indentation), for values such as quiz answers.

`mpkit stubs` writes exercises/ from solutions/; `mpkit stubs --check` (and a
test) fails when exercises/ has drifted from what the solutions produce.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import MpkitError

BEGIN = re.compile(r"^(\s*)### BEGIN SOLUTION\s*$")
END = re.compile(r"^\s*### END SOLUTION\s*$")
STUB_LINE = re.compile(r"^(\s*)### STUB: ?(.*)$")
STUB_SUFFIX = re.compile(r"^(\s*)(\S.*?)\s+### STUB: ?(.*)$")
MARKER = re.compile(r"###\s*(BEGIN|END) SOLUTION|### STUB")

DEFAULT_STUB = ["# TODO: write your code here (the docstring above says what to do).", "raise NotImplementedError"]


def make_stub(source: str, name: str = "<solution>") -> str:
    out: list[str] = []
    block: list[str] | None = None  # STUB lines of the open block
    indent = ""
    begin_line = 0
    for number, line in enumerate(source.splitlines(), start=1):
        begin = BEGIN.match(line)
        if begin:
            if block is not None:
                raise MpkitError(f"{name}:{number}: ### BEGIN SOLUTION inside another block (opened at line {begin_line})")
            block, indent, begin_line = [], begin.group(1), number
            continue
        if END.match(line):
            if block is None:
                raise MpkitError(f"{name}:{number}: ### END SOLUTION without a ### BEGIN SOLUTION")
            out.extend(block or [indent + text for text in DEFAULT_STUB])
            block = None
            continue
        stub_line = STUB_LINE.match(line)
        if block is not None:
            if stub_line:
                block.append(stub_line.group(1) + stub_line.group(2))
            continue
        suffix = STUB_SUFFIX.match(line)
        if suffix:
            out.append(suffix.group(1) + suffix.group(3))
            continue
        if stub_line or MARKER.search(line):
            raise MpkitError(f"{name}:{number}: a solution marker the stub maker does not understand: {line.strip()}")
        out.append(line)
    if block is not None:
        raise MpkitError(f"{name}:{begin_line}: ### BEGIN SOLUTION is never closed with ### END SOLUTION")
    return "\n".join(out) + "\n"


def strip_markers(source: str) -> str:
    """The solution as plain Python, without the stub markers (for display)."""
    lines = []
    for line in source.splitlines():
        if BEGIN.match(line) or END.match(line) or STUB_LINE.match(line):
            continue
        suffix = STUB_SUFFIX.match(line)
        lines.append(suffix.group(1) + suffix.group(2) if suffix else line)
    return "\n".join(lines) + "\n"


def expected_stubs(manifest) -> dict[Path, str]:
    """What each stub file should contain, made from its solution."""
    if getattr(manifest, "edition", "instructor") == "student":
        raise MpkitError(f"{manifest.path}: a student edition has no solutions to make stubs from")
    return {
        task.stub: make_stub(task.solution.read_text(encoding="utf-8"), str(task.solution))
        for task in manifest.tasks
    }


def write_stubs(manifest) -> list[Path]:
    """Write the stubs; return the files that changed."""
    changed = []
    for path, text in expected_stubs(manifest).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def drifted(manifest) -> list[Path]:
    return [
        path
        for path, text in expected_stubs(manifest).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
