"""Conversion between Python code-point offsets and Qt's UTF-16 positions.

Qt counts a character outside the Basic Multilingual Plane (an emoji, say) as two
UTF-16 code units; Python counts it as one code point. Every offset the core sees
is a code point; GUI code converts at the boundary with these functions.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Fast conversions for one text: O(log n) per call after an O(n) scan."""

    __slots__ = ("_astral", "_length")

    def __init__(self, text: str) -> None:
        # Code-point indices of astral characters, ascending (found by the regex engine:
        # a Python loop over a 500 KB article costs the GUI tens of milliseconds).
        self._astral = [m.start() for m in _ASTRAL.finditer(text)] if not text.isascii() else []
        self._length = len(text)

    def to_utf16(self, offset: int) -> int:
        """Code-point offset → UTF-16 position."""
        return offset + bisect_right(self._astral, offset - 1)

    def to_codepoint(self, position: int) -> int:
        """UTF-16 position → code-point offset (a position inside a surrogate pair rounds down)."""
        lo, hi = 0, len(self._astral)
        # Find how many astral characters lie wholly before `position`.
        while lo < hi:
            mid = (lo + hi) // 2
            if self._astral[mid] + mid + 2 <= position:
                lo = mid + 1
            else:
                hi = mid
        before = lo
        if before < len(self._astral) and self._astral[before] + before + 1 == position:
            # `position` points between the two halves of a surrogate pair.
            return position - before - 1
        return position - before


def to_utf16(text: str, offset: int) -> int:
    """Code-point offset in ``text`` → UTF-16 position."""
    return len(text[:offset].encode("utf-16-le")) // 2


def to_codepoint(text: str, position: int) -> int:
    """UTF-16 position in ``text`` → code-point offset."""
    return OffsetMap(text).to_codepoint(position)
