"""The package's shape: no import cycle, no module over 420 lines, at most
eight modules loose at the top of src/mpkit/ (README, "Where things are").

The imports are read with `ast`, every one of them: at the top of a module,
inside a function, under an `if`. A cycle hidden in a function-level import
is still a cycle: the two modules cannot be understood (or moved) apart.
"""
from __future__ import annotations

import ast
from pathlib import Path

import mpkit

PACKAGE = Path(mpkit.__file__).resolve().parent
MAX_LINES = 420
MAX_LOOSE = 8


def modules(root: Path) -> dict:
    """{dotted name: file} of every module of the package at `root`."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def import_graph(root: Path) -> dict:
    """{module: set of the package's modules it imports}, all imports counted."""
    mods = modules(root)
    graph = {}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                targets |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                # `from pkg import mod` imports the module pkg.mod; `from mod import name`, mod.
                subs = {f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in mods}
                targets |= subs or {module}
        graph[name] = {t for t in targets if t in mods and t != name}
    return graph


def cycles(graph: dict) -> list:
    """The groups of modules that import each other in a circle (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_inside_the_package():
    assert cycles(import_graph(PACKAGE)) == []


def test_the_cycle_finder_sees_imports_inside_functions(tmp_path):
    """A cycle made of a function-level import is found (so the test above can fail)."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .sub import b\n")
    (pkg / "sub" / "b.py").write_text("def f():\n    from .. import c\n")
    (pkg / "c.py").write_text("import os\n\nif os.sep:\n    from pkg.a import x\n")
    (pkg / "d.py").write_text("from . import a\n")  # imports into the circle, is not part of it
    assert cycles(import_graph(pkg)) == [["pkg.a", "pkg.c", "pkg.sub.b"]]


def test_no_module_over_420_lines():
    long = {name: n for name, path in modules(PACKAGE).items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"split these by concern: {long}"


def test_at_most_eight_modules_loose_at_the_top():
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(loose) <= MAX_LOOSE, f"{len(loose)} modules at the top of {PACKAGE}: {loose}"


def test_graders_see_the_shared_checks_through_mpkit_grading():
    """mpkit.grading gives graders the names of mpkit.checks (plus TaskRuns), the very
    objects: engine/grader_source.py reads helpers' defaults there, graders call them here."""
    import mpkit.checks
    import mpkit.grading

    public = {n for n in vars(mpkit.grading) if n.isidentifier() and not n.startswith("_") and n != "annotations"}
    assert set(mpkit.grading.__all__) <= public
    assert public - set(mpkit.checks.__all__) == {"TaskRuns"}
    for name in public - {"TaskRuns"}:
        assert getattr(mpkit.grading, name) is getattr(mpkit.checks, name), name
