"""Finding each question's answer among a notebook's cells.

A question's part starts at a line that names it: its number with a prefix
("Q3.", "Q 3)", "(Q3)", "Q-3", "Que 3", "Question no. 3", "Q.No-03", "Ans 3",
"Answer = 3"), a number alone on its line ("3.)", "3 )", "(3)", "3."), a bare
number whose line reads like the question ("3. Python code to create a
process"), or the question's own words (all of them, or a question asked with
only its words). When a numbered heading carries the words of another question
("Q.4 - How can we create a pool of worker processes ..."), the words win.
Headings count in markdown, in comments, in prose typed into code cells and in
strings standing alone in them, never in code (`print("Q3")`) nor in markdown
code blocks. The part runs to the next heading, across cells and inside one.
A second pass lets weaker signs head a question no stronger heading names: a
bare number opening a cell ("3. We make a Process ..."), in order, and the help
call nbconvert left of a question ending in "?" (its last word).

In code cells, lines that are not Python (prose, pasted output) are left out
one at a time where the parser stumbles on them; a line that looks like code
is never dropped, so a real syntax error still reaches the student. A label
typed in front of code (`Ans3.import os`) is cut off. Code in markdown
```python blocks is kept aside (answers.py grades it when there is no code
cell). The program is made in programs.py.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from .cells import Cell

_PREFIXED = re.compile(
    r"^\(?(?:q|que|ques|question|ans|answer|problem|exercise|task)\s*[-.#:=]?\s*(?:no\s*[-.:]?\s*)?(\d{1,2})(?![\d.]\d)"
    r"\s*[-.):]*(?:\s+|$)(.*)$",
    re.I)
_BARE = re.compile(r"^\(?(\d{1,2})\s*(?:\.\s*\)|[.)])\s*(.*)$")  # "3.", "3)", "3 )", "(3)", "3.)"
_NUMBERED = re.compile(r"^(\d{1,2})\s*\.\s*\)\s*(.*)$")  # "3.)": a heading however its line goes on
_ALONE = re.compile(r"^\(?\s*(\d{1,2})\s*(?:\.\s*\)|[.)])\s*:?\s*$")  # "5.)", "5 )", "(5)", "5." alone on a line
_FENCE = re.compile(r"^\s*(```+|~~~+)\s*([\w+-]*)")
_PYTHON_FENCES = {"", "python", "py", "python3", "ipython", "ipython3", "pycon"}
# What nbconvert leaves of a line of prose ending in "?": the help call on its last word.
PINFO = re.compile(r"^\s*get_ipython\(\)\.run_line_magic\(\s*['\"](?:pinfo2?|psearch)['\"],\s*['\"]([\w.*]+)['\"]")
_DECORATION = re.compile(r"^[\s#>*_`|'\"-]+|[\s*_`'\"]+$")
_WORD = re.compile(r"[a-z]+")
_STOP = set("a an the of in to and or is it its be by for with using use what why how can you your do does "
            "should each write python program code short answer are on as that this which explain".split())
_CODE_START = re.compile(r"^(import|from|def|class|if|elif|else|for|while|with|try|except|finally|return|print|"
                         r"raise|yield|async|await|global|lambda|assert|del|pass|break|continue)\b|^[\w.\[\]]+\s*[+\-*/]?=|"
                         r"^[\w.]+\(|^@\w")
# `%time` and `!pip` lines; and what nbconvert makes of a line of prose ending in "?" in a code cell
# ("Why is it useful?" becomes `get_ipython().run_line_magic('pinfo', 'useful')`): not the program.
MAGIC = re.compile(r"^\s*[%!]|^\s*get_ipython\(\)\.run_line_magic\(\s*['\"]pinfo2?['\"]")


def _words(text: str) -> set:
    return {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in _WORD.findall(text.lower())} - _STOP


def similarity(line: str, asks: str) -> tuple[float, float, int]:
    """(share of the line's words in the question, share of the question's words in the line, shared)."""
    a, b = _words(line), _words(asks)
    shared = len(a & b)
    return (shared / len(a) if a else 0.0), (shared / len(b) if b else 0.0), shared


@dataclass
class Heading:
    task_id: str
    how: str  # what named it, for the scorecard
    rest: str = ""  # words after the number on the heading's line ("Ans 1: it runs ..."), if not the question
    bare: bool = False  # a number alone on its line ("5.)"), no "Q" or "Ans" before it


class Finder:
    """Which question a line names, if any."""

    def __init__(self, tasks):
        self.tasks = [t for t in tasks if t.free_form]
        self.by_number = {int(re.sub(r"\D", "", t.id) or 0): t for t in self.tasks}

    def heading(self, line: str, where: str, prose: bool) -> Heading | None:
        """`prose`: the line is prose (markdown, or not Python); else a comment in code,
        where only a prefixed number counts (a step "# 3. join them" is not Q3)."""
        text = _DECORATION.sub("", line).strip()
        if not text or len(text) > 400:
            return None
        alone = _ALONE.match(text) if prose else None
        if alone and int(alone.group(1)) in self.by_number:  # "5.)", "(5)" on a line of its own
            return Heading(self.by_number[int(alone.group(1))].id, f"{text!r} in {where}", bare=True)
        match = _PREFIXED.match(text) or (_NUMBERED.match(text) if prose else None)
        if match and int(match.group(1)) in self.by_number:
            task = self.by_number[int(match.group(1))]
            # A heading's number may be wrong ("Q.4 - How can we create a pool of worker processes ...");
            # the question's own words win when they clearly name another question.
            # Not when the words are mostly the numbered question's too ("Q6. Create 4 processes with the
            # multiprocessing module" shares more of Q3's words than of Q6's, and is Q6).
            other = self.by_text(match.group(2))
            if (other is not None and other is not task and _names(match.group(2), task) is None
                    and similarity(match.group(2), task.free_form.asks)[0] < 0.6):
                return Heading(other.id, f"{text[:40]!r} in {where} (the question's text; its number says "
                                         f"{task.id.upper()})")
            return Heading(task.id, f"{text[:40]!r} in {where}", _answer_in(match.group(2), task))
        if not prose:
            return None
        match = _BARE.match(text)
        if match and int(match.group(1)) in self.by_number:
            task = self.by_number[int(match.group(1))]
            mine, _, shared = similarity(match.group(2), task.free_form.asks)
            if shared >= 2 and mine >= 0.6 or line.lstrip().startswith("#") and not match.group(2):
                return Heading(task.id, f"{text[:40]!r} in {where}")
        best = self.by_text(text)
        if best:
            return Heading(best.id, f"the question's text in {where}")
        return None

    def numbered(self, line: str, after: int, allowed: set, where: str) -> Heading | None:
        """A bare number opening a cell of prose ("3. We make a Process ..."), the words being the
        answer: a heading when no stronger heading names that question anywhere (`allowed`) and it
        comes after the current question, as numbered answers do."""
        match = _BARE.match(_DECORATION.sub("", line).strip())
        task = self.by_number.get(int(match.group(1))) if match else None
        if task is None or task.id not in allowed or int(match.group(1)) <= after:
            return None
        rest = match.group(2).strip()
        return Heading(task.id, f"{line.strip()[:40]!r} opening {where} (a number in order)",
                       rest if len(_WORD.findall(rest)) >= 3 else "")

    def lost(self, line: str, after: int, allowed: set, where: str) -> Heading | None:
        """A line of prose ending in "?" that nbconvert turned into a help call keeps only its last
        word (`get_ipython().run_line_magic('pinfo', 'used')`). It was that question's heading when
        the word ends the text of exactly one question after the current one with no heading of its own."""
        match = PINFO.match(line)
        word = match.group(1).rsplit(".", 1)[-1].lower() if match else ""
        ends = [t for n, t in sorted(self.by_number.items()) if n > after and t.id in allowed
                and _WORD.findall(t.free_form.asks.lower())[-1:] == [word]]
        if len(ends) != 1:
            return None
        return Heading(ends[0].id, f"the help call on {word!r} in {where} (a question exported from a code "
                                   f"cell; '{word}' ends {ends[0].id.upper()}'s text)")

    def by_text(self, text: str):
        """The question whose own words the text is, if one clearly is."""
        named = [(theirs, task) for task in self.tasks if (theirs := _names(text, task)) is not None]
        return max(named, key=lambda item: item[0])[1] if named else None


def _names(text: str, task) -> float | None:
    """How much of the question's words the text has, if the text is that question; else None."""
    mine, theirs, shared = similarity(text, task.free_form.asks)
    # A question of few words ("What is multiprocessing in Python? Why is it useful?"
    # has two that count) is named by all of them, asked as a question.
    asked = text.rstrip().endswith("?")
    enough = shared >= 3 or shared >= 2 and shared == len(_words(task.free_form.asks)) and asked
    # The question asked in part ("What is a multiprocessing pool in python?"): all its words are the question's.
    part = asked and shared >= 2 and mine >= 0.8 and theirs >= 0.5
    return theirs if enough and mine >= 0.6 and theirs >= 0.6 or part else None


def _answer_in(rest: str, task) -> str:
    """The words after a heading's number, when they answer rather than repeat the question."""
    rest = rest.strip()
    if not rest or similarity(rest, task.free_form.asks)[0] >= 0.6 or len(_WORD.findall(rest)) < 3:
        return ""
    return rest


def _prose_like(line: str) -> bool:
    """A line of words, not of code: three words or more, not starting like a statement; or a number heading."""
    text = line.strip()
    if _ALONE.match(text) or _PREFIXED.match(text) and not _PREFIXED.match(text).group(2):
        return True  # a question's number on its own ("5.)", "Q.5", "Ans 5:") typed above the code
    if not text or text.startswith("#") or _CODE_START.match(text):
        return False
    return len(re.findall(r"[A-Za-z]{2,}", text)) >= 3 or not re.search(r"[=()\[\]{}]", text)


def classify(source: str) -> list[str]:
    """For each line of a code cell: "code", "comment", "blank", "magic", "prose", or "glued": an
    answer's label typed in front of its first line of code (`Ans3.import multiprocessing`, a
    SyntaxError in Jupyter too): the label is words, the rest is code (`glued()` splits it)."""
    lines = source.splitlines()
    kinds = ["blank" if not line.strip() else "comment" if line.lstrip().startswith("#")
             else "magic" if MAGIC.match(line) else "code" for line in lines]
    for _ in range(len(lines) + 1):
        text = "\n".join(line if kinds[i] in ("code", "comment") else glued(line)[1] if kinds[i] == "glued" else ""
                         for i, line in enumerate(lines))
        try:
            _strings_are_prose(ast.parse(text), lines, kinds)
            return kinds
        except SyntaxError as exc:
            bad = (exc.lineno or 0) - 1
            # The parser may stumble a line after the prose (an unclosed bracket in it): look back too.
            for i in (bad, bad - 1):
                if 0 <= i < len(lines) and kinds[i] == "code" and glued(lines[i])[0] and _not_python(lines[i]):
                    kinds[i] = "glued"
                    break
                if 0 <= i < len(lines) and kinds[i] == "code" and _prose_like(lines[i]) and _not_python(lines[i]):
                    kinds[i] = "prose"
                    break
            else:
                return kinds  # real code with a real error: the run will show it
        except (ValueError, RecursionError):
            return kinds
    return kinds


_GLUED = re.compile(r"^(\s*(?:q|que|ques|question|ans|answer)\s*[-.#:=]?\s*\d{1,2}(?:\s*[-.):=]+|\s))\s*(.+)$", re.I)


def glued(line: str) -> tuple[str, str]:
    """("Ans3.", "import multiprocessing") of a label typed in front of code, or ("", line)."""
    match = _GLUED.match(line)
    if match and _CODE_START.match(match.group(2)) and not _not_python(match.group(2)):
        return match.group(1), match.group(2)
    return "", line


def _strings_are_prose(tree, lines: list, kinds: list) -> None:
    """A string standing alone at the top of a cell's code ('\'\'\'Q3. Write a python code ...\'\'\'') is words
    typed where code goes (a heading, an answer in words), not a program: its lines are prose."""
    taken = {}
    for node in tree.body:
        for line in range(node.lineno, (node.end_lineno or node.lineno) + 1):
            taken[line] = taken.get(line, 0) + 1
    for node in tree.body:
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            continue
        span = range(node.lineno - 1, node.end_lineno or node.lineno)
        if any(taken[i + 1] > 1 for i in span) or lines[span[-1]].rstrip().rstrip(";")[-1:] not in ("'", '"'):
            continue  # shares a line with code
        for i in span:
            if kinds[i] != "blank":
                kinds[i] = "prose"


_QUOTES = re.compile(r"^\s*[rRbBuUfF]?('\'\'|\"\"\"|'|\")|('\'\'|\"\"\"|'|\")\s*$")


def _not_python(line: str) -> bool:
    try:
        ast.parse(line.strip())
        return False
    except SyntaxError:
        return True
    except (ValueError, RecursionError):
        return True


@dataclass
class Part:
    task_id: str
    found_by: str
    code: list = field(default_factory=list)  # [(Cell, text)]
    prose: list = field(default_factory=list)  # [text]
    left_out: list = field(default_factory=list)  # [(Cell, why)]
    notes: list = field(default_factory=list)  # comment lines' words (an exported notebook's markdown)
    earlier: list = field(default_factory=list)  # [(Cell, text)]: code before the part's first code, anywhere
    fenced: list = field(default_factory=list)  # [(Cell, text)]: code in its markdown's ```python blocks

    @property
    def cells(self) -> list:
        return sorted({cell.number for cell, _ in self.code})


def find_parts(cells: list[Cell], tasks) -> tuple[dict, list, list]:
    """({task id: Part}, the code of cells before any question: [(Cell, text)], the trail).
    Two passes: the second lets a bare number opening a cell, or a heading the export turned into a
    help call, head a question that no stronger heading names (the first pass finds which do).
    The trail is what came in order: ("heading", task id) and ("piece", piece, task id or None)."""
    finder = Finder(tasks)
    strong = set(_scan(cells, finder, set())[0])
    return _scan(cells, finder, {t.id for t in finder.tasks} - strong)


def markdown_kinds(lines: list) -> list:
    """A markdown cell's lines: "prose", or "fenced" inside a ```python code block (the fences "blank")."""
    kinds, fence = [], None
    for line in lines:
        marker = _FENCE.match(line)
        if fence is None and marker and marker.group(2).lower() in _PYTHON_FENCES:
            fence = marker.group(1)
            kinds.append("blank")
        elif fence is not None and line.strip().startswith(fence):
            fence = None
            kinds.append("blank")
        else:
            kinds.append("prose" if fence is None else "fenced")
    return kinds


def _scan(cells: list[Cell], finder: Finder, weak: set) -> tuple[dict, list, list]:
    parts: dict[str, Part] = {}
    preamble: list = []
    trail: list = []
    current: Part | None = None
    seen: list = []  # every piece of code so far, in order (other parts' and the preamble's)
    for cell in cells:
        if not cell.source.strip():
            continue
        lines = cell.source.splitlines()
        kinds = classify(cell.source) if cell.kind == "code" else markdown_kinds(lines)
        chunk: list[tuple[str, str]] = []  # (kind, line) of the current part in this cell
        opening = True  # no words yet in this cell

        def flush():
            nonlocal chunk
            if chunk:
                first = current is not None and not current.code
                piece = _take(current, preamble, cell, chunk)
                if piece is not None:
                    if first:  # what ran before it: the imports it may use
                        current.earlier = list(seen)
                    seen.append(piece)
                    trail.append(("piece", piece, current.task_id if current else None))
            chunk = []

        for line, kind in zip(lines, kinds):
            if kind == "prose" and cell.kind == "code":  # words typed in quotes: the words
                line = _QUOTES.sub("", line)
            if kind == "glued":  # its label may head the question; the rest is the code
                label, line = glued(line)
                label_heading = finder.heading(label, cell.label(), prose=True)
                if label_heading and (current is None or label_heading.task_id != current.task_id):
                    flush()
                    current = parts.get(label_heading.task_id) or parts.setdefault(
                        label_heading.task_id, Part(label_heading.task_id, label_heading.how))
                    trail.append(("heading", label_heading.task_id))
                kind = "code"
            heading = finder.heading(line, cell.label(), prose=kind == "prose") if kind in ("prose", "comment") else None
            after = int(re.sub(r"\D", "", current.task_id) or 0) if current else 0
            if heading is None and weak and kind == "prose" and opening:
                heading = finder.numbered(line, after, weak, cell.label())
            if heading is None and weak and kind == "magic":
                heading = finder.lost(line, after, weak, cell.label())
            if kind != "blank":
                opening = False
            if heading and (current is None or heading.task_id != current.task_id):
                flush()
                current = parts.get(heading.task_id)
                if current is None:
                    current = parts[heading.task_id] = Part(heading.task_id, heading.how)
                if heading.rest:
                    current.prose.append(heading.rest)
                trail.append(("heading", heading.task_id))
                continue
            if heading:  # the question repeated in its own part; words after its number ("Ans1. it ...") stay
                if heading.rest:
                    current.prose.append(heading.rest)
                if heading.bare:  # "5.)" twice: maybe the next number mistyped (programs.place_loose decides)
                    flush()
                    trail.append(("repeat", heading.task_id))
                continue
            chunk.append((kind, line))
        flush()
    return parts, preamble, trail


def _take(part: Part | None, preamble: list, cell: Cell, chunk: list):
    """Put a cell's lines of one part where they belong; the piece of code taken, if any."""
    code = "\n".join(line if kind in ("code", "comment", "blank") else "" for kind, line in chunk)
    has_code = any(kind == "code" for kind, _ in chunk) and not _only_literals(code)
    prose = "\n".join(line for kind, line in chunk if kind == "prose").strip()
    if part is None:
        if has_code:
            preamble.append((cell, code))
            return preamble[-1]
        return None
    fenced = "\n".join(line if kind == "fenced" else "" for kind, line in chunk)
    if fenced.strip():  # code shown in markdown, never run: kept aside (answers.py decides)
        part.fenced.append((cell, fenced.strip("\n") + "\n"))
    notes = "\n".join(line.lstrip().lstrip("#").strip() for kind, line in chunk if kind == "comment").strip()
    if notes:
        part.notes.append(notes)
    piece = None
    if has_code:
        piece = (cell, code.strip("\n") + "\n")
        part.code.append(piece)
    if prose:
        part.prose.append(prose)
        if cell.kind == "code":
            part.left_out.append((cell, "lines that are not Python (prose or pasted output)"))
    elif cell.kind == "code" and not has_code:
        part.left_out.append((cell, "only comments"))
    return piece


def _only_literals(code: str) -> bool:
    """Code that is only literals (`None`, `[1, 4, 9]`): a cell's output pasted in, not a program."""
    try:
        body = ast.parse(code).body
    except SyntaxError:
        return False
    literal = (ast.Constant, ast.List, ast.Tuple, ast.Set, ast.Dict, ast.UnaryOp)
    return bool(body) and all(isinstance(node, ast.Expr) and isinstance(node.value, literal)
                              and all(isinstance(n, (*literal, ast.expr_context, ast.USub)) for n in ast.walk(node.value))
                              for node in body)
