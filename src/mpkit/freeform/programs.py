"""From a question's part to the program that is run; and the code no heading claims,
placed by order and content.

A notebook without headings (or whose headings the export lost) still has its
programs in the questions' order, Q3's before Q5's before Q6's, and each does
what its question asks: starts processes, or hands a pool work. A program in
no code question's part (before any heading, or under a question answered in
words) goes to a code question with no heading of its own that may stand
there by the headings around it (after Q2's part and before Q4's, only Q3),
by what it does and in order. Safety: the question's words decide the kind
(a pool question takes only a pool program), and a program starting several
processes goes to a question asking for several unless a later program takes
that place: a wrong Q6 answer is never the only program that could be Q3's.

Also here: the definitions a part's program uses from earlier cells
(`program_of`, `definitions_for`), and a complete program of another kind
left in a part after its own program, given to the next question when that
one has no program (`give_strays`).
"""
from __future__ import annotations

import ast
import re
from functools import lru_cache

from .questions import Part


def imports_of(code: str) -> list[str]:
    """The top-level import statements of a piece of code, as written."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    return [ast.get_source_segment(code, node) for node in tree.body
            if isinstance(node, ast.Import) or isinstance(node, ast.ImportFrom) and node.module != "__future__"]


_POOL_WORK = {"map", "map_async", "imap", "imap_unordered", "starmap", "starmap_async", "apply", "apply_async",
              "submit"}


def _complete(text: str) -> str:
    """What a whole program on its own does: "process" or "pool" (or both), from a top-level
    `if __name__ == "__main__":` block that starts processes or hands a pool work; "" if it is not one."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return ""
    calls = {n.func.attr for node in tree.body if isinstance(node, ast.If) and "__main__" in ast.dump(node.test)
             for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)}
    return " ".join(kind for kind, names in (("process", {"start"}), ("pool", _POOL_WORK)) if calls & names)


def alternatives(part: Part) -> list:
    """Several complete programs in a part's cells that do the same (each with its own `__main__` block
    starting processes, or each handing a pool work) are versions of one answer: the last one is graded.
    The earlier versions' pieces are left out (and returned); other code stays, and so does a complete
    program of another kind (a pool shown after a Process answer), joined as before, unless
    `give_strays` gave it to the next question first."""
    kinds = [_complete(text) for _, text in part.code]
    last = next((i for i in range(len(kinds) - 1, -1, -1) if kinds[i]), None)
    if last is None:
        return []
    earlier = {i for i in range(last) if kinds[i] == kinds[last]}
    dropped = [part.code[i] for i in sorted(earlier)]
    if dropped:
        part.code = [piece for i, piece in enumerate(part.code) if i not in earlier]
        part.left_out.extend((cell, "an earlier complete program doing the same; the last one in this part is graded")
                             for cell, _ in dropped)
    return dropped


def program_of(part: Part, earlier: list) -> tuple[str, list, list]:
    """The part's program, the imports it was given from earlier cells, and the definitions
    (`def`, `class`, a name given a plain value) it was given from them: [(Cell, [names])]."""
    body = "\n\n".join(text for _, text in part.code)
    own = set(imports_of(body))
    given = []
    for _, text in earlier:
        for statement in imports_of(text):
            if statement not in own and statement not in given:
                given.append(statement)
    carried = definitions_for(body, earlier)
    if carried:
        names = "; ".join(f"{', '.join(n)} from {cell.label()}" for cell, n, _ in carried)
        body = (f"# defined earlier in the notebook: {names}\n"
                + "\n\n".join(text for _, _, text in carried) + "\n\n" + body)
    if given:
        body = "# imports made earlier in the notebook\n" + "\n".join(given) + "\n\n" + body
    return body, given, [(cell, n) for cell, n, _ in carried]


_BUILTINS = set(dir(__import__("builtins"))) | {"__name__", "__file__", "__doc__", "__builtins__", "get_ipython",
                                                 "display", "In", "Out", "exit", "quit"}


def _bound(tree) -> set:
    """Every name the code binds anywhere (assigned, defined, imported, a parameter, a loop variable)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            names.update(node.names)
        elif isinstance(node, ast.MatchAs if hasattr(ast, "MatchAs") else ()) and node.name:
            names.add(node.name)
    return names


def _free(tree) -> set:
    """The names the code reads but never binds, builtins aside: what it needs from elsewhere."""
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
    return used - _bound(tree) - _BUILTINS


def _definition(node) -> str | None:
    """The name a top-level statement defines, when running it again elsewhere does nothing but define
    it: a `def`, a `class`, or a name given a value with no call in it (`N = 4`, `numbers = [1, 2, 3]`)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name
    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if (len(targets) == 1 and isinstance(targets[0], ast.Name)
                and not any(isinstance(n, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr))
                            for n in ast.walk(node.value))):
            return targets[0].id
    return None


def _source(text: str, node) -> str:
    lines = text.splitlines()
    first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    return "\n".join(lines[first - 1:node.end_lineno])


def definitions_for(body: str, earlier: list) -> list:
    """The top-level definitions of earlier cells the program needs and does not make itself,
    as they stood when the notebook was run top to bottom (the last one of each name), with what
    they need in turn: [(Cell, [names], source)] in the notebook's order. A name whose last
    top-level statement is not a plain definition (`worker = make()`) is not carried: running that
    statement again could start another question's processes."""
    try:
        tree = ast.parse(body)
    except SyntaxError:
        return []
    last = {}  # name -> (position, cell, node source, its free names) or None when not carryable
    for position, (cell, text) in enumerate(earlier):
        try:
            nodes = ast.parse(text).body
        except SyntaxError:
            continue
        for index, node in enumerate(nodes):
            name = _definition(node)
            if name is not None:
                last[name] = ((position, index), cell, _source(text, node), _free(ast.Module([node], [])))
                continue
            for bound in _bound(ast.Module([node], [])) if not isinstance(node, (ast.Import, ast.ImportFrom)) else ():
                last[bound] = None
    wanted, taken = list(_free(tree)), {}
    while wanted:
        name = wanted.pop()
        if name in taken or not last.get(name):
            continue
        taken[name] = last[name]
        wanted.extend(taken[name][3])
    by_cell: dict = {}
    for name, (position, cell, text, _) in sorted(taken.items(), key=lambda item: item[1][0]):
        entry = by_cell.setdefault(position[0], [cell, [], []])
        entry[1].append(name)
        entry[2].append(text)
    return [(cell, names, "\n\n".join(texts)) for cell, names, texts in by_cell.values()]


_POOLS = {"Pool", "ProcessPoolExecutor", "ThreadPool", "ThreadPoolExecutor"}
_LOOPS = (ast.For, ast.While, ast.ListComp, ast.GeneratorExp, ast.SetComp, ast.DictComp)
_SEVERAL = re.compile(r"\b(\d+|two|three|four|five|six|several|many)\s+processes\b", re.I)


def _acts(text: str) -> tuple[bool, int]:
    """(does it make a pool, how many processes it starts: 2 for any started in a loop)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return False, 0
    pool, starts = False, 0

    def walk(node, looped):
        nonlocal pool, starts
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            pool = pool or name in _POOLS
            if name == "start" and isinstance(node.func, ast.Attribute):
                starts += 2 if looped else 1
        for child in ast.iter_child_nodes(node):
            walk(child, looped or isinstance(node, _LOOPS))

    walk(tree, False)
    return pool, starts


def _question_kind(task) -> tuple[str, bool]:
    asks = task.free_form.asks
    return ("pool" if re.search(r"\bpool", asks, re.I) else "process"), bool(_SEVERAL.search(asks))


def _number(task_id: str) -> int:
    return int(re.sub(r"\D", "", task_id) or 0)


def _gaps(trail: list, code_ids: set) -> list:
    """The stretches of loose code (before any heading, or in a prose question's part), each as
    [number of the heading before, number of the heading after, [(piece, owner)], repeated]. After a
    bare number repeated in its own part ("5.)" over the question, "5.)" again over a program), the
    code is loose too (`repeated`): the second "5.)" may be a mistyped "6.)"."""
    gaps, lo, loose, repeated = [], 0, [], False
    for event in trail:
        if event[0] in ("heading", "repeat"):
            if loose:
                gaps.append([lo, _number(event[1]), loose, repeated])
            lo, loose, repeated = _number(event[1]), [], event[0] == "repeat" and event[1] in code_ids
        elif repeated or event[2] is None or event[2] not in code_ids:
            loose.append((event[1], event[2]))
    if loose:
        gaps.append([lo, 99, loose, repeated])
    return gaps


def _groups(loose: list) -> list:
    """Loose pieces into programs: each ends at a piece that starts processes or makes a pool."""
    groups, pending = [], []
    for piece, owner in loose:
        pending.append((piece, owner))
        pool, starts = _acts(piece[1])
        if pool or starts:
            groups.append({"pieces": pending, "pool": pool, "starts": starts})
            pending = []
    return groups


def _assign(groups: list, questions: list) -> list:
    """For each group, the index of its question in `questions` (kind, several) or None: in order,
    kinds matching; most programs placed, then most questions answered, then fit in number."""
    @lru_cache(maxsize=None)
    def best(i: int, last: int) -> tuple[float, tuple]:
        if i == len(groups):
            return 0.0, ()
        skip = best(i + 1, last)
        options = [(skip[0], (None, *skip[1]))]
        group = groups[i]
        for q in range(max(last, 0), len(questions)):
            kind, several = questions[q]
            if not (kind == "pool" and group["pool"] or kind == "process" and group["starts"]):
                continue
            score, rest = best(i + 1, q)
            fit = 0.5 if (group["starts"] > 1) == several and kind == "process" else 0.0
            options.append((score + 1 + (q != last) + fit, (q, *rest)))
        return max(options, key=lambda option: option[0])

    return list(best(0, -1)[1])


def place_loose(parts: dict, preamble: list, trail: list, tasks) -> None:
    """Give the code no heading claims to the code questions no heading names, by order and content."""
    code = {t.id: t for t in tasks if t.free_form and t.free_form.answer == "code"}
    in_order = [event[1] for event in trail if event[0] == "piece"]
    for lo, hi, loose, repeated in _gaps(trail, set(code)):
        open_ = sorted((t for t in code.values() if t.id not in parts and lo < _number(t.id) < hi),
                       key=lambda t: _number(t.id))
        groups = _groups(loose)
        if repeated:  # only the next question, and only programs that do not do what the numbered one asks
            kind = _question_kind(next(t for t in code.values() if _number(t.id) == lo))[0]
            open_ = [t for t in open_ if _number(t.id) == lo + 1]
            groups = [g for g in groups if not (g["pool"] if kind == "pool" else g["starts"] and not g["pool"])]
        if not open_ or not groups:
            continue
        for group, q in zip(groups, _assign(groups, [_question_kind(t) for t in open_])):
            if q is None:
                continue
            task = open_[q]
            part = parts.get(task.id)
            if part is None:
                first = group["pieces"][0][0]
                part = parts[task.id] = Part(task.id, "")
                part.earlier = in_order[:next(i for i, p in enumerate(in_order) if p is first)]
            for piece, owner in group["pieces"]:
                (preamble if owner is None else parts[owner].code).remove(piece)
                part.code.append(piece)
            does = "makes a pool" if group["pool"] else "starts processes"
            where = ("before any question" if lo == 0 else f"under a second '{lo}' heading, {task.id.upper()}'s "
                     f"number mistyped?" if repeated else f"after Q{lo}'s part")
            cells = ", ".join(c.label() for c, _ in part.code)
            part.found_by = f"no heading names it: {cells} placed by order and content (a program that {does}, {where})"


def _kind_of_question(task) -> str:
    return _question_kind(task)[0]


def give_strays(parts: dict, trail: list, tasks) -> None:
    """A complete program of another kind in a code question's part (four processes started in the
    cell after Q5's pool, with no Q6 heading of its own) answers another question: when the part
    also holds, before it, a complete program of its own question's kind, and the next question (by
    number: its heading is the one missing) is a code question of the stray's kind with no program
    of its own, the stray (with the pieces between it and the part's program before it) is taken
    out and given to that question (a program starting processes needs a question that asks for
    processes; a pool program one that asks for a pool). A stray no
    open question takes stays joined, as before (`alternatives`)."""
    code = {t.id: t for t in tasks if t.free_form and t.free_form.answer == "code"}
    in_order = [event[1] for event in trail if event[0] == "piece"]
    for task_id in sorted((t for t in list(parts) if t in code), key=_number):
        part = parts[task_id]
        kind = _kind_of_question(code[task_id])
        kinds = [_complete(text).split() for _, text in part.code]
        if not any(kind in k for k in kinds):
            continue  # nothing in the part does what its question asks: it is its answer, right or wrong
        later = sorted((t for t in tasks if t.free_form and _number(t.id) > _number(task_id)), key=lambda t: _number(t.id))
        # Only the next question: its heading is the one missing (with Q4's words between them, a
        # stray in Q3's part sits before Q4's heading, where Q5's answer cannot be).
        open_ = [t for t in later[:1] if t.id in code and (t.id not in parts or not parts[t.id].code)]
        if not open_:
            continue
        own = next(i for i, k in enumerate(kinds) if kind in k)
        groups, start = [], own + 1
        for i, k in enumerate(kinds):
            if not k or i <= own:
                continue
            if kind not in k:
                pieces = part.code[start:i + 1]
                pool, starts = _acts("\n\n".join(text for _, text in pieces))
                groups.append({"pieces": pieces, "pool": pool and "pool" in k, "starts": starts if "process" in k else 0})
            start = i + 1
        if not groups:
            continue
        for group, q in zip(groups, _assign(groups, [_question_kind(t) for t in open_])):
            if q is None or open_[q] is None:
                continue
            task = open_[q]
            open_[q] = None  # one program per question
            target = parts.get(task.id)
            if target is None:
                target = parts[task.id] = Part(task.id, "")
            first = group["pieces"][0]
            target.earlier = in_order[:next(i for i, p in enumerate(in_order) if p is first)]
            for piece in group["pieces"]:
                part.code.remove(piece)
                target.code.append(piece)
            does = "makes a pool" if group["pool"] else "starts processes"
            stray = (f"a complete program that {does}, in {task_id.upper()}'s part after {task_id.upper()}'s own "
                     f"program, placed in {task.id.upper()} by order and content")
            target.found_by = (f"{target.found_by}, with no code under it; its program: {stray}" if target.found_by
                               else f"no heading of its own: {stray}")
