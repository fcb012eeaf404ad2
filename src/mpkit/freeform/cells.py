"""A student's answers as a list of cells, whatever they handed in.

A notebook (`.ipynb`, read as JSON: nbformat 4, or 3's worksheets), a
notebook exported as a script (`.py` with `# In[ ]:` markers; markdown cells
come out as `#` comment lines), or a folder of one script per question. Input
that is none of these is an MpkitError that says what and where.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import MpkitError

CELL_MARKER = re.compile(r"^#\s*In\s*\[\s*(\d*)\s*\]\s*:?\s*$")
_SCRIPT_HEADER = re.compile(r"^#!|^#.*coding[:=]")


@dataclass(frozen=True)
class Cell:
    number: int  # position in the notebook, from 1
    kind: str  # "code" or "markdown" (raw cells count as markdown: prose)
    source: str
    count: str = ""  # the execution count shown as In [n], if any

    def label(self) -> str:
        return f"cell {self.number}" + (f" (In [{self.count}])" if self.count else "")


def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else source if isinstance(source, str) else ""


def read_notebook(path: Path) -> list[Cell]:
    what_to_do = "open it in Jupyter and save it again, or export it as a script (.py)"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise MpkitError(f"{path}: not a notebook (not UTF-8 text); {what_to_do}") from None
    except json.JSONDecodeError as exc:
        raise MpkitError(f"{path}: damaged notebook (not valid JSON at line {exc.lineno}: {exc.msg}); "
                         f"{what_to_do}") from None
    raw = data.get("cells") if isinstance(data, dict) else None
    if raw is None and isinstance(data, dict) and isinstance(data.get("worksheets"), list):  # nbformat 3
        raw = [c for w in data["worksheets"] if isinstance(w, dict) for c in w.get("cells") or []]
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        raise MpkitError(f"{path}: damaged notebook (no list of cells in it); {what_to_do}")
    cells = []
    for number, cell in enumerate(raw, start=1):
        kind = "code" if cell.get("cell_type") == "code" else "markdown"
        source = _text(cell.get("source", cell.get("input", "")))
        count = cell.get("execution_count", cell.get("prompt_number"))
        cells.append(Cell(number, kind, source, str(count) if isinstance(count, int) else ""))
    return cells


def read_script(path: Path) -> list[Cell]:
    """An exported notebook: a cell per `# In[ ]:` marker; what comes before the
    first marker (but the `#!` and coding lines) is a cell too. Comment-only
    stretches are markdown the export turned into comments: they stay in
    their code cell, where headings in comments are found."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise MpkitError(f"{path}: not a Python script (not UTF-8 text); export the notebook again as a .py "
                         "script, or hand in the .ipynb") from None
    chunks: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines():
        marker = CELL_MARKER.match(line.strip())
        if marker:
            chunks.append((marker.group(1), []))
        elif not (len(chunks) == 1 and _SCRIPT_HEADER.match(line)):
            chunks[-1][1].append(line)
    cells = []
    for count, lines in chunks:
        source = "\n".join(lines).strip("\n")
        if source.strip():
            cells.append(Cell(len(cells) + 1, "code", source + "\n", count))
    return cells


def script_files(folder: Path, manifest) -> dict:
    """{task id: file} of a folder of answers: `q3.py` or `q3_create_process.py`
    for code, `q1.md` / `q1.txt` (or `.py`) for prose, at the top or one folder down;
    also named by the question's number as students name them (`Question3.py`, `ques3.py`,
    `answer3.py`)."""
    found = {}
    candidates = sorted(p for p in [*folder.glob("*"), *folder.glob("*/*")]
                        if p.is_file() and "__MACOSX" not in p.parts and not p.name.startswith("."))
    for task in manifest.tasks:
        names = {f"{task.id}.py", task.file, f"{task.id}.md", f"{task.id}.txt"}
        hit = next((p for p in candidates if p.name.lower() in names), None)
        hit = hit or next((p for p in candidates if _numbered_file(p.name) == task.id), None)
        if hit:
            found[task.id] = hit
    return found


_NUMBERED_FILE = re.compile(r"^(?:q|que|ques|question|ans|answer)[\s_.-]*(?:no[\s_.-]*)?0?(\d{1,2})\.(?:py|md|txt)$", re.I)


def _numbered_file(name: str) -> str:
    """"Question3.py", "ques3.py", "answer_3.py", "Q3.py": the task id the name gives (q3), or ""."""
    match = _NUMBERED_FILE.match(name)
    return f"q{int(match.group(1))}" if match else ""


def kind_of(path: Path) -> str:
    """"notebook", "script" or "folder"; anything else is bad input."""
    if path.is_dir():
        return "folder"
    if not path.exists():
        raise MpkitError(f"{path}: no such file or folder; give a notebook (.ipynb), an exported script (.py) "
                         "or a folder of answers (q3.py, ...)")
    if path.suffix.lower() == ".ipynb":
        return "notebook"
    if path.suffix.lower() == ".py":
        return "script"
    raise MpkitError(f"{path}: not a notebook ({path.suffix or 'no extension'}); give a .ipynb notebook, a notebook "
                     "exported as a .py script, or a folder with q3.py, q5.py, q6.py")
