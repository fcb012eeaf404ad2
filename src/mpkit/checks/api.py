"""How a grader says what it expected and what it saw.

A check is a pytest test marked with `@check("id")`; its points, description
and visibility come from the manifest. A failed check raises `CheckFailed`,
which carries the three things a student needs: what was expected, what was
observed, and a hint. Any other exception in a check is a bug in the grader
and is reported as one.
"""
from __future__ import annotations

import pytest


class CheckFailed(AssertionError):
    """The student's code did not do what the check expects."""

    def __init__(self, expected: str, observed: str, hint: str = ""):
        self.expected, self.observed, self.hint = expected, observed, hint
        super().__init__(self.render())

    def render(self) -> str:
        lines = [f"expected: {self.expected}", f"observed: {self.observed}"]
        if self.hint:
            lines.append(f"hint:     {self.hint}")
        return "\n".join(lines)


def expect(condition: bool, *, expected: str, observed: str, hint: str = "") -> None:
    """Fail the check unless `condition` holds."""
    if not condition:
        raise CheckFailed(expected, observed, hint)


def fail(*, expected: str, observed: str, hint: str = ""):
    raise CheckFailed(expected, observed, hint)


def check(check_id: str):
    """Mark a test as the manifest check `check_id` of the module's TASK."""
    return pytest.mark.mpkit_check(check_id)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}es" if word.endswith("s") else f"{n} {word}s"
