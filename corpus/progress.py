"""A small progress line on a terminal's stderr; silent when stderr is not a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """``Progress("import", total)`` then ``update(n)``; ``close()`` ends the line."""

    def __init__(self, label: str, total: int | None = None, stream: TextIO | None = None) -> None:
        self.label = label
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._last = 0.0
        self._start = time.monotonic()
        self._shown = False

    def update(self, done: int, detail: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1:
            return
        self._last = now
        rate = done / max(now - self._start, 1e-9)
        if self.total:
            width = 30
            filled = int(width * min(done, self.total) / self.total)
            bar = "█" * filled + "·" * (width - filled)
            text = f"\r{self.label} [{bar}] {done}/{self.total} ({rate:,.0f}/s) {detail}"
        else:
            text = f"\r{self.label}: {done:,} ({rate:,.0f}/s) {detail}"
        self.stream.write(text[:160].ljust(80))
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
