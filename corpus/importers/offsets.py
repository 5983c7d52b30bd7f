"""Offsets of other tools, checked and turned into code points of the stored text.

Browser-based tools count in UTF-16 code units (JavaScript string indices): doccano
does, Label Studio did before 1.x fixed it, INCEpTION does (Java). Label Studio 0.x
wrote inclusive end offsets. And the stored text differs from the file's a little:
a leading byte-order mark is dropped and CRLF becomes LF. :class:`SourceText` maps
offsets into the file's text onto the stored text; :func:`locate` tries each reading
of an offset pair and keeps the one whose text is the span's recorded text (Label
Studio keeps it); :func:`choose_unit` picks code points or UTF-16 units for a record
whose spans carry no text (doccano), by which reading puts the spans on word edges.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.arabic import is_word_char
from corpus.importers.base import fold_newlines
from corpus.textpos import OffsetMap

UNITS = ("codepoint", "utf16")


class SourceText:
    """A text as the file has it, with the way to the text as it will be stored."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.stored = fold_newlines(raw.removeprefix("\ufeff"))
        removed = [0] if raw.startswith("\ufeff") else []
        at = raw.find("\r\n")
        while at >= 0:
            removed.append(at)
            at = raw.find("\r\n", at + 2)
        self._removed = removed
        self._utf16 = OffsetMap(raw)
        self.has_astral = not raw.isascii() and any(ord(c) > 0xFFFF for c in raw)

    def to_stored(self, offset: int) -> int:
        """A code-point offset into the raw text → the same place in the stored text."""
        return offset - bisect_left(self._removed, offset)

    def codepoint(self, offset: int, unit: str) -> int:
        """An offset in ``unit`` → a code-point offset into the raw text."""
        return offset if unit == "codepoint" else self._utf16.to_codepoint(offset)


@dataclass(frozen=True, slots=True)
class Located:
    """A span placed in the stored text, and how its offsets were read."""

    start: int
    end: int
    unit: str
    inclusive_end: bool


def _integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def locate(
    source: SourceText,
    start: object,
    end: object,
    expected: str | None,
    units: Sequence[str] = UNITS,
    inclusive: Sequence[bool] = (False, True),
) -> Located | str:
    """Place ``[start, end)`` in the stored text, or say why it does not fit.

    Each reading (unit, then exclusive or inclusive end) is tried in order; with ``expected``
    the first whose raw text equals it wins, without it the first that lies inside
    the text.
    """
    if not _integer(start) or not _integer(end):
        return f"offsets must be integers, not {start!r} and {end!r}"
    assert isinstance(start, int)
    assert isinstance(end, int)
    if start < 0 or end < start:
        return f"offsets [{start}, {end}) are negative or reversed"
    raw = source.raw
    for unit in units:
        for inclusive_end in inclusive:
            s = source.codepoint(start, unit)
            e = source.codepoint(end + (1 if inclusive_end else 0), unit)
            if not 0 <= s < e <= len(raw):
                continue
            if expected is not None and fold_newlines(raw[s:e]) != fold_newlines(expected):
                continue
            return Located(source.to_stored(s), source.to_stored(e), unit, inclusive_end)
    where = f"[{start}, {end})"
    if expected is None:
        return f"span {where} lies outside the text ({len(raw)} characters)"
    shown = expected if len(expected) <= 40 else expected[:40] + "…"
    readings = " or ".join(f"{u} offsets" for u in units) + (
        " with exclusive or inclusive ends" if len(inclusive) > 1 else ""
    )
    return f"span {where} does not hold its text {shown!r} (tried {readings})"


def _edge_score(text: str, start: int, end: int) -> int:
    """How many of a span's two edges sit on a word edge without white space inside."""

    def boundary(at: int) -> bool:
        return at in (0, len(text)) or not (is_word_char(text[at - 1]) and is_word_char(text[at]))

    score = 0
    if boundary(start) and not text[start].isspace():
        score += 1
    if boundary(end) and not text[end - 1].isspace():
        score += 1
    return score


def choose_unit(source: SourceText, spans: Sequence[tuple[object, object]], prefer: str) -> str:
    """The offset unit that fits a record's text-less spans best.

    Without characters outside the BMP both units agree and ``prefer`` is returned.
    Otherwise a unit under which some span falls outside the text loses; between the
    rest, the one putting more span edges on word edges wins; a tie keeps ``prefer``.
    """
    if not source.has_astral:
        return prefer
    scores: dict[str, int] = {}
    raw = source.raw
    for unit in UNITS:
        score = 0
        for start, end in spans:
            if not _integer(start) or not _integer(end):
                continue
            assert isinstance(start, int)
            assert isinstance(end, int)
            s, e = source.codepoint(start, unit), source.codepoint(end, unit)
            if not 0 <= s < e <= len(raw):
                score = -1
                break
            score += _edge_score(raw, s, e)
        scores[unit] = score
    best = max(scores.values())
    return prefer if scores[prefer] == best else next(u for u in UNITS if scores[u] == best)
