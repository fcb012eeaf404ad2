"""Where a task file's loops are decided, for the recorder's looks at a
child (_mpkit_trace_processes): is an is_alive() or exitcode the condition of
a loop (a wait), or a look? The spans of the conditions of a source file's
`while` loops, and of the `if`s inside a loop whose branch leaves it, and the
position a frame is at. Standard library only (see _mpkit_trace.py).
"""
import ast
import io

_LOOPS, _SCOPES = (ast.While, ast.For, ast.AsyncFor), (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


# Taken at import, before any task code (which could replace linecache's
# cache, ast's classes or open): where the loops of the running file are.
def _loop_tests(filename, _read=io.open_code, _parse=ast.parse, _children=ast.iter_child_nodes,
                _while=ast.While, _if=ast.If, _leave=(ast.Break, ast.Return), _loops=_LOOPS, _scopes=_SCOPES,
                _isinstance=isinstance, _any=any, _str=str):
    """Where the loops of a source file are decided: the span (line, column,
    end line, end column) of the condition of each `while`, and of each `if`
    inside a loop whose branch leaves it (`break`, `return`)."""
    spans = []
    try:
        with _read(_str(filename)) as f:
            tree = _parse(f.read())
    except (SyntaxError, ValueError, OSError, MemoryError, RecursionError, TypeError):
        return spans

    def walk(node, in_loop):
        if _isinstance(node, _while) or (in_loop and _isinstance(node, _if) and _any(
                _isinstance(s, _leave) for s in node.body + node.orelse)):
            test = node.test
            spans.append((test.lineno, test.col_offset, test.end_lineno, test.end_col_offset))
        if _isinstance(node, _scopes):
            in_loop = False
        elif _isinstance(node, _loops):
            in_loop = True
        for child in _children(node):
            walk(child, in_loop)

    try:
        walk(tree, False)
    except RecursionError:
        pass
    return spans


def _position(frame, _getattr=getattr, _enumerate=enumerate):
    """(line, column) of the instruction a frame is at; the column None
    where Python does not tell it (3.10)."""
    positions = _getattr(frame.f_code, "co_positions", None)
    if positions is not None:
        at = frame.f_lasti // 2
        for i, pos in _enumerate(positions()):
            if i == at:
                if pos[0] is not None and pos[2] is not None:
                    return pos[0], pos[2]
                break
    return frame.f_lineno, None


def _inside(span, line, col):
    first, first_col, last, last_col = span
    if col is None:
        return first <= line <= last
    return (first, first_col) <= (line, col) < (last, last_col)
