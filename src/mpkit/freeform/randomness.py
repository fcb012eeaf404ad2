"""Does a program print numbers drawn at random? Read from its text.

Q6 asks for four processes "each printing a different number": numbers the
program gives its processes. Random numbers are not that: two processes may
draw the same one, and the same program prints other numbers on every run.
The kit seeds the random module alike in every process, which makes plain
random.randint repeatable, but not random.seed(os.getpid()), seeds from the
clock, os.urandom, secrets, uuid or numpy: what those print differs from one
grading to the next. So that a verdict never rests on what was drawn, it is
read from the program: a value that comes from a random source and reaches a
print() (through variables, a process's arguments, an attribute) makes the
printed numbers random, whatever they came out as.
"""
from __future__ import annotations

import ast

MODULES = ("random", "secrets", "uuid", "numpy.random")
SOURCES = {"os.urandom", "os.getrandom", "random.SystemRandom"}
QUIET = {"seed", "getstate", "setstate"}  # calls that draw nothing (random.seed(...))


def _dotted(node) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


class _Reader:
    def __init__(self, tree):
        self.aliases = {}  # name in the program -> what it is ("np" -> "numpy", "randint" -> "random.randint")
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    self.aliases[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom) and node.module:
                for a in node.names:
                    self.aliases[a.asname or a.name] = f"{node.module}.{a.name}"
        self.names, self.attrs = set(), set()
        self.functions = {n.name: n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}

    def source(self, call: ast.Call) -> str:
        """The random source this call draws from ('' when none)."""
        name = _dotted(call.func)
        head, _, rest = name.partition(".")
        full = self.aliases.get(head, head) + (f".{rest}" if rest else "")
        if full.rsplit(".", 1)[-1] in QUIET:
            return ""
        if full in SOURCES or any(full == m or full.startswith(m + ".") for m in MODULES):
            return full
        return ""

    def random(self, node) -> ast.AST | None:
        """The first part of `node` that is random (a draw, or a name holding one)."""
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call) and self.source(sub):
                return sub
            if isinstance(sub, ast.Name) and sub.id in self.names and isinstance(sub.ctx, ast.Load):
                return sub
            if isinstance(sub, ast.Attribute) and sub.attr in self.attrs and isinstance(sub.ctx, ast.Load):
                return sub
        return None

    def taint(self, target) -> bool:
        grew = False
        for sub in ast.walk(target):
            if isinstance(sub, ast.Name) and sub.id not in self.names:
                self.names.add(sub.id)
                grew = True
            elif isinstance(sub, ast.Attribute) and sub.attr not in self.attrs:
                self.attrs.add(sub.attr)
                grew = True
        return grew

    def spread(self, tree) -> None:
        """Mark what holds a random value, until nothing new is marked."""
        grew = True
        while grew:
            grew = False
            for node in ast.walk(tree):
                if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and node.value is not None \
                        and self.random(node.value):
                    for target in getattr(node, "targets", None) or [node.target]:
                        grew |= self.taint(target)
                elif isinstance(node, (ast.For, ast.comprehension)) and self.random(node.iter):
                    grew |= self.taint(node.target)
                elif isinstance(node, ast.Call):
                    grew |= self._into_function(node)
                    name = _dotted(node.func).rsplit(".", 1)[-1]
                    if name == "shuffle" and self.source(node) and node.args:
                        grew |= self.taint(node.args[0])

    def _into_function(self, call: ast.Call) -> bool:
        """A call handing a function random values (Process(target=f, args=(r,)), pool.map(f, draws))
        hands them to the function's parameters."""
        given = list(call.args) + [k.value for k in call.keywords]
        funcs = [self.functions[n.id] for g in given for n in ast.walk(g)
                 if isinstance(n, ast.Name) and n.id in self.functions]
        if isinstance(call.func, ast.Name) and call.func.id in self.functions:
            funcs.append(self.functions[call.func.id])
        if not funcs or not any(self.random(g) for g in given if not isinstance(g, ast.Name) or g.id not in self.functions):
            return False
        grew = False
        for func in funcs:
            for arg in func.args.args + func.args.kwonlyargs + func.args.posonlyargs:
                if arg.arg != "self" and arg.arg not in self.names:
                    self.names.add(arg.arg)
                    grew = True
        return grew


def _is_print(call: ast.Call) -> bool:
    name = _dotted(call.func)
    return name == "print" or name.endswith("stdout.write") or name.endswith(".info") and name.startswith("logging")


def random_print(program: str) -> str | None:
    """'random.randint (line 7)' when the program prints a value drawn at random, else None."""
    try:
        tree = ast.parse(program)
    except SyntaxError:
        return None
    reader = _Reader(tree)
    reader.spread(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_print(node):
            for given in list(node.args) + [k.value for k in node.keywords]:
                if reader.random(given) is not None:
                    draw = next((c for c in ast.walk(tree) if isinstance(c, ast.Call) and reader.source(c)), None)
                    return f"{reader.source(draw)} (line {draw.lineno})" if draw else f"line {node.lineno}"
    return None
