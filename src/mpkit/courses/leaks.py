"""What a student bundle must never contain, and a search of a folder for it.

The secrets of a kit: the code and text of every solution block (each line
that is not also in the stub), every hidden check's id and description, and
the quiz answer key.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..kit.manifest import Manifest
from ..kit.stubs import BEGIN, END, STUB_LINE

SHORT = 16  # a shorter line alone (a bare join() call) gives nothing away; whole blocks are searched too
LONG = 24  # lines this long are searched inside other lines too


def solution_blocks(task) -> list[list[str]]:
    """The solution blocks of a task, each as its stripped lines that the stub does not have."""
    stub = {line.strip() for line in task.stub.read_text(encoding="utf-8").splitlines()}
    blocks, block = [], None
    for line in task.solution.read_text(encoding="utf-8").splitlines():
        if BEGIN.match(line):
            block = []
        elif END.match(line):
            blocks.append(block or [])
            block = None
        elif block is not None and not STUB_LINE.match(line) and line.strip() and line.strip() not in stub:
            block.append(line.strip())
    return [b for b in blocks if b]


def answer_patterns(task) -> list:
    """A quiz key next to a boolean, as Python (`"key": True`) or YAML (`key: k ... answer: true`)."""
    patterns = []
    for item in task.quiz:
        key = re.escape(item.key)
        patterns.append(re.compile(rf"""['"]?\b{key}\b['"]?\s*[:=]\s*(True|False|true|false)\b"""))
        # up to the next quiz item (`key:`), however its statement is written
        patterns.append(re.compile(rf"\b{key}\b(?:(?!\bkey\s*:).){{0,400}}?\banswer\s*:\s*(true|false|yes|no)\b",
                                   re.S | re.I))
    return patterns


def find_leaks(manifest: Manifest, folder: Path) -> list[str]:
    """Each secret of the (instructor) manifest found in a file under `folder`."""
    lines, blocks, words, patterns = {}, {}, {}, []
    for task in manifest.tasks:
        if task.solution is not None:
            for block in solution_blocks(task):
                lines.update({text: f"solution code of {task.id}" for text in block if len(text) >= SHORT})
                if len(block) > 1:
                    blocks["\n".join(block)] = f"a solution block of {task.id}"
        for check in task.checks:
            if check.hidden:
                words[check.id] = f"the id of hidden check {task.id}.{check.id}"
                words[check.description] = f"the description of hidden check {task.id}.{check.id}"
        patterns += [(p, f"the quiz answer key of {task.id}") for p in answer_patterns(task)]
    leaks = []
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        shown = path.relative_to(folder)
        stripped = [line.strip() for line in text.splitlines()]
        file_lines, joined = set(stripped), "\n".join(line for line in stripped if line)
        leaks += [f"{what} in {shown}" for block, what in blocks.items() if block in joined]
        for secret, what in lines.items():
            if secret in file_lines or (len(secret) >= LONG and secret in text):
                leaks.append(f"{what} ({secret!r}) in {shown}")
        leaks += [f"{what} ({word!r}) in {shown}" for word, what in words.items() if word in text]
        leaks += [f"{what} in {shown}" for pattern, what in patterns if pattern.search(text)]
    return leaks
