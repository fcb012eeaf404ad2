"""One student's answers: per question, the program to run (code questions)
or the text to read (prose questions), and where each came from."""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MpkitError
from .cells import kind_of, read_notebook, read_script, script_files
from .programs import alternatives, give_strays, place_loose, program_of
from .questions import find_parts


@dataclass
class Answer:
    task_id: str
    found_by: str  # what named the question: a heading, a file
    program: str | None = None  # code questions: the program that is run
    prose: str = ""  # what the student wrote in words
    cells: list = field(default_factory=list)  # labels of the cells the program was taken from
    imports: list = field(default_factory=list)  # imports given from earlier cells
    definitions: list = field(default_factory=list)  # "sayHello from cell 4": definitions given from earlier cells
    left_out: list = field(default_factory=list)  # "cell 4: why"

    def summary(self) -> dict:
        return {"found_by": self.found_by, "cells": self.cells, "imports_from_earlier_cells": self.imports,
                "definitions_from_earlier_cells": self.definitions,
                "left_out": self.left_out, "prose": self.prose}


@dataclass
class Answers:
    source: Path
    kind: str  # "notebook", "script" or "folder"
    answers: dict  # task id -> Answer

    def missing(self, task_ids) -> list:
        return [t for t in task_ids if t not in self.answers]


def read_answers(path: Path, manifest) -> Answers:
    """Read a notebook, an exported script or a folder; MpkitError (one line) on bad input."""
    path = Path(path)
    kind = kind_of(path)
    if kind == "folder":
        notebooks = sorted(p for p in path.glob("*.ipynb") if not p.name.startswith("."))
        files = script_files(path, manifest)
        if not files and len(notebooks) == 1:  # a student's folder holding one notebook
            return read_answers(notebooks[0], manifest)
        if not files:
            raise MpkitError(f"{path}: no answers in this folder (expected one notebook, or files named by task "
                             "such as q3.py or q3_create_process.py)")
        return Answers(path, kind, {t: _file_answer(t, f, manifest) for t, f in files.items()})
    cells = read_notebook(path) if kind == "notebook" else read_script(path)
    tasks = [t for t in manifest.tasks if t.free_form]
    parts, preamble, trail = find_parts(cells, tasks)
    place_loose(parts, preamble, trail, tasks)
    give_strays(parts, trail, tasks)
    if not parts:
        raise MpkitError(f"{path}: no question found in this {kind} (looked for headings such as 'Q3.', "
                         "'Question 3', 'Ans 3' or the questions' text); put each question's number before its answer")
    answers = {}
    order = {t.id: i for i, t in enumerate(manifest.tasks)}
    for task_id, part in sorted(parts.items(), key=lambda item: order[item[0]]):
        task = manifest.task(task_id)
        code = task.free_form.answer == "code"
        words = [only_words(text) for _, text in part.code]
        if part.code and all(words):  # only strings given names (`Ans5 = """..."""`): an answer in words
            part.prose.extend(w for found in words for w in found)
            part.left_out.extend((cell, "words in a string (`Ans = \"...\"`): an answer in words, not a program")
                                 for cell, _ in part.code)
            part.code = []
        fenced = code and not part.code and bool(part.fenced)
        if fenced:  # no code cell: the code shown in the part's markdown is the answer (spec: "Code in markdown")
            part.code = list(part.fenced)
            part.found_by += "; its code taken from a markdown code block (```python), never run in the notebook"
        dropped = alternatives(part) if code else []
        answer = Answer(task_id, part.found_by, prose="\n\n".join(part.prose),
                        left_out=[f"{cell.label()}: {why}" for cell, why in part.left_out])
        if code and part.code:
            answer.program, answer.imports, carried = program_of(part, part.earlier + dropped)  # their imports stay
            where = " (a markdown code block)" if fenced else ""
            answer.cells = [c.label() + where for c in sorted({c for c, _ in part.code}, key=lambda c: c.number)]
            # Definitions the program uses and an earlier cell made (a pool's function defined in Q3's cell):
            # named beside the cells taken, so the student sees what else of the notebook was run.
            answer.definitions = [f"{', '.join(names)} from {cell.label()}" for cell, names in carried]
            answer.cells += [f"{cell.label()}: only its definition of {', '.join(names)}"
                             for cell, names in carried]
        elif part.code or part.notes or part.fenced:  # code and comments in a prose answer: shown with the words
            answer.prose = "\n\n".join([answer.prose, *part.notes, *(text for _, text in part.code + part.fenced)]).strip()
        answers[task_id] = answer
    return Answers(path, kind, answers)


def _file_answer(task_id: str, path: Path, manifest) -> Answer:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise MpkitError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    task = manifest.task(task_id)
    answer = Answer(task_id, f"the file {path.name}", cells=[path.name])
    if task.free_form and task.free_form.answer == "code" and path.suffix == ".py":
        answer.program = text
    else:
        answer.prose = text.strip()
    return answer


def only_words(code: str) -> list | None:
    """The strings of code that only gives names to words (`Ans5 = "A pool is made with ..."`), and
    perhaps prints them: an answer typed in words, which does nothing a question's checks could see.
    None for any other code."""
    try:
        body = ast.parse(code).body
    except SyntaxError:
        return None
    words, named = [], set()
    for node in body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign, ast.Expr)) else None
        if isinstance(value, ast.Constant) and isinstance(value.value, str) and not isinstance(node, ast.Expr):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if not all(isinstance(t, ast.Name) for t in targets):
                return None
            named.update(t.id for t in targets)
            words.append(value.value.strip())
        elif isinstance(value, ast.Constant):
            continue  # a literal standing alone
        elif (isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("print", "display")
              and not value.keywords and all(isinstance(a, ast.Name) and a.id in named
                                             or isinstance(a, ast.Constant) for a in value.args)):
            continue  # print(Ans5)
        else:
            return None
    return words if words else None
