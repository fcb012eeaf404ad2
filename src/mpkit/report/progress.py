"""How a long batch shows that it is moving: a bar on a terminal, log lines elsewhere.

A log file or CI output gets one plain line per finished item (no carriage
returns to garble it); a terminal gets one bar redrawn in place, with the
lines that matter (failures) printed above it.
"""
from __future__ import annotations

import sys
import time


class LogLines:
    """One line per finished item, for files, pipes and CI logs."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.total = 0
        self.count = 0

    def start(self, total: int, what: str) -> None:
        self.total = total
        self.started = time.monotonic()
        self._write(f"{what}: {total}")

    def advance(self, line: str | None = None) -> None:
        """One more item is done; `line` says how it went (None: nothing to say)."""
        self.count += 1
        if line:
            width = len(str(self.total))
            self._write(f"[{self.count:>{width}}/{self.total}] {line}")

    def note(self, line: str) -> None:
        self._write(line)

    def refresh(self) -> None:
        """Called about once a second while waiting (a bar shows the time going by)."""

    def finish(self) -> None:
        pass

    def _write(self, text: str) -> None:
        print(text, file=self.stream, flush=True)


class Bar(LogLines):
    """A progress bar redrawn in place; notes scroll above it."""

    WIDTH = 30

    def start(self, total: int, what: str) -> None:
        super().start(total, what)
        self._draw()

    def advance(self, line: str | None = None) -> None:
        self.count += 1
        self._draw()

    def note(self, line: str) -> None:
        self.stream.write("\r\033[K")
        self._write(line)
        self._draw()

    def refresh(self) -> None:
        self._draw()

    def finish(self) -> None:
        self.stream.write("\n")
        self.stream.flush()

    def _draw(self) -> None:
        done = self.count / self.total if self.total else 1
        filled = int(self.WIDTH * done)
        elapsed = time.monotonic() - self.started
        left = ""
        if 0 < self.count < self.total:
            left = f", about {elapsed / self.count * (self.total - self.count):.0f} s left"
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r\033[K[{bar}] {self.count}/{self.total} ({elapsed:.0f} s{left})")
        self.stream.flush()


def for_stream(stream=None) -> LogLines:
    stream = stream or sys.stderr
    return Bar(stream) if stream.isatty() else LogLines(stream)
