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
    program of another kind (a pool shown after a Process answer), joined as before."""
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


def program_of(part: Part, earlier: list) -> tuple[str, list]:
    """The part's program, and the imports it was given from earlier cells."""
    body = "\n\n".join(text for _, text in part.code)
    own = set(imports_of(body))
    given = []
    for _, text in earlier:
        for statement in imports_of(text):
            if statement not in own and statement not in given:
                given.append(statement)
    if given:
        body = "# imports made earlier in the notebook\n" + "\n".join(given) + "\n\n" + body
    return body, given


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
