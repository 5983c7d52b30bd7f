"""Marks over the article: a per-block span index and the highlighter that paints it.

Every annotation becomes one or more *marks* (an entity's span, a quote's content and
cue, a stance's evidence). :class:`MarkIndex` answers "which marks touch block n" in
code points and turns them into non-overlapping UTF-16 segments for Qt;
:class:`MarkHighlighter` applies those segments as character formats of one block.
Blocks are highlighted on demand (the view asks for the visible ones), so opening a
long article with tens of thousands of annotations costs no more than what is shown.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import pairwise
from operator import attrgetter
from typing import NamedTuple

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from typing_extensions import override

from corpus.model import Annotation, Entity, Quote, Span, Stance
from corpus.schema import Schema
from corpus.textpos import OffsetMap
from gui.allocation import without_cyclic_gc

# Characters QTextDocument.setPlainText turns into a block break (one UTF-16 unit each).
_BLOCK_BREAK = re.compile("[\n\r\u2029\ufdd0\ufdd1]")
_RARE_BREAKS = "\r\u2029\ufdd0\ufdd1"
# How much of a text (code points) the lazily built tables cover at first.
_FIRST_SCAN = 16_384
# Marks longer than this (code points) are kept apart and scanned linearly: few quotes
# are long, and bounding the short ones keeps the per-block lookup a bisection.
_LONG_MARK = 256

ROLE_ENTITY = "entity"
ROLE_QUOTE = "quote"
ROLE_CUE = "cue"
ROLE_EVIDENCE = "evidence"


class Mark(NamedTuple):
    """One drawn stretch of text (code points, end-exclusive).

    Attributes:
        start: first code point.
        end: one past the last code point.
        role: ``entity``, ``quote``, ``cue`` or ``evidence``.
        style: the entity label, quote kind or stance polarity.
        uuid: the annotation the mark belongs to.
    """

    start: int
    end: int
    role: str
    style: str
    uuid: str


class StyleKey(NamedTuple):
    """What one text segment shows: used to pick (and cache) its character format."""

    entity: str | None
    quote: str | None
    cue: bool
    evidence: str | None


_NO_STYLE = StyleKey(None, None, False, None)


def display_text(text: str) -> str:
    """The text handed to QTextDocument: same length in UTF-16, one block per paragraph.

    ``setPlainText`` folds CR LF into a single break, which would shift every later
    position; a lone CR becomes LF so that each stays one unit.
    """
    return text.replace("\r", "\n") if "\r" in text else text


def first_blocks_end(text: str, budget: int, per_block: int) -> int:
    """Where the first blocks of ``text`` end (code points, before the break) when
    blocks are taken while ``budget`` lasts, each costing its length plus its break
    plus ``per_block``. Measured in code points, it never stops short of the same
    walk over Qt's blocks, whose lengths are UTF-16 units."""
    start = 0
    for found in _BLOCK_BREAK.finditer(text):
        if budget <= 0:
            return start - 1 if start else 0
        budget -= found.end() - start + per_block
        start = found.end()
    return start - 1 if budget <= 0 and start else len(text)


def _block_count(text: str) -> int:
    """How many blocks ``text`` makes in a QTextDocument."""
    if any(c in text for c in _RARE_BREAKS):
        return 1 + sum(1 for _ in _BLOCK_BREAK.finditer(text))
    return 1 + text.count("\n")  # a tenth of the regex's time on a long article


class GrowingOffsets(OffsetMap):
    """The :class:`~corpus.textpos.OffsetMap` of a text, made over as much of it as
    has been asked about (twice as much at each step): the first screen of a long
    article converts its positions without a scan of the rest.

    Conversions are those of ``OffsetMap(text)``: a map of a prefix is exact for
    the positions inside it.
    """

    __slots__ = ("_covered", "_covered_utf16", "_map", "_text")

    def __init__(self, text: str) -> None:
        """Map ``text`` (its first stretch scanned now, the rest when asked)."""
        super().__init__("")
        self._text = text
        self._covered = 0
        self._covered_utf16 = 0
        self._map = OffsetMap("")
        self._cover(0)

    def _cover(self, offset: int) -> None:
        """Scan at least ``[0, offset]`` (code points)."""
        text = self._text
        end = min(len(text), max(offset + 1, 2 * self._covered, _FIRST_SCAN))
        if end >= len(text):
            self._map = OffsetMap(text)
            self._covered = self._covered_utf16 = sys.maxsize
        else:
            self._map = OffsetMap(text[:end])
            self._covered = end
            self._covered_utf16 = self._map.to_utf16(end)

    @override
    def to_utf16(self, offset: int) -> int:
        """Code-point offset → UTF-16 position."""
        if offset > self._covered:
            self._cover(offset)
        return self._map.to_utf16(offset)

    @override
    def to_codepoint(self, position: int) -> int:
        """UTF-16 position → code-point offset (inside a surrogate pair: rounds down)."""
        while position > self._covered_utf16:
            self._cover(self._covered + 1)
        return self._map.to_codepoint(position)


# Quote and stance marks are stored as plain tuples (start, end, role, style, uuid):
# NamedTuples cost several times more to build. Queries hand out Marks.
RawMark = tuple[int, int, str, str, str]
_START = attrgetter("span.start")


def raw_marks_of(ann: Annotation) -> list[RawMark]:
    """:func:`marks_of` as plain tuples."""
    if isinstance(ann, Entity):
        return [(ann.span.start, ann.span.end, ROLE_ENTITY, ann.label, ann.uuid)]
    if isinstance(ann, Quote):
        marks = [(ann.content.start, ann.content.end, ROLE_QUOTE, ann.kind, ann.uuid)]
        if ann.cue is not None:
            marks.append((ann.cue.start, ann.cue.end, ROLE_CUE, ann.kind, ann.uuid))
        return marks
    assert isinstance(ann, Stance)
    return [(ev.start, ev.end, ROLE_EVIDENCE, ann.polarity, ann.uuid) for ev in ann.evidence]


def marks_of(ann: Annotation) -> list[Mark]:
    """The marks an annotation draws (a stance's holder and target are not drawn)."""
    return [Mark._make(m) for m in raw_marks_of(ann)]


class MarkIndex:
    """The marks of one document, found by block or by position.

    Entities, nearly all the marks, are kept as the annotations themselves in text
    order and found by bisection: opening an article with 20,000 of them builds no
    per-mark object at all. Quotes and stances, far fewer, become tuples.
    Positions given and returned are code points unless a name says UTF-16.
    """

    def __init__(self, text: str) -> None:
        """Index an empty set of marks over ``text`` (the stored text)."""
        self.text = text
        self.offsets = GrowingOffsets(text)
        # Block starts are found as far as lookups reach (doubling), the count at once.
        self._block_starts = [0]
        self._blocks_scanned = 0
        self._block_count = _block_count(text)
        self._entities: list[Entity] = []
        # The longest entity bounds how far back a lookup must start.
        self._longest_entity = 0
        self._short_starts: list[int] = []
        self._short: list[RawMark] = []
        self._long: list[RawMark] = []
        self._other_marks: dict[str, list[RawMark]] = {}

    # ------------------------------------------------------------------ building

    def reset(self, annotations: Iterable[Annotation]) -> None:
        """Replace every mark by those of ``annotations`` (in any order)."""
        with without_cyclic_gc():
            self._reset(annotations)

    def _reset(self, annotations: Iterable[Annotation]) -> None:
        anns = list(annotations)
        # type() is: the annotation classes are final dataclasses, and this runs
        # over tens of thousands of annotations.
        entities = [a for a in anns if type(a) is Entity]
        # The store hands entities in text order already: this sort is one pass.
        # Only the order of starts matters to lookups.
        entities.sort(key=_START)
        self._entities = entities
        self._longest_entity = max([a.span.end - a.span.start for a in entities], default=0)
        marks: list[RawMark] = []
        others: dict[str, list[RawMark]] = {}
        for ann in [a for a in anns if type(a) is not Entity]:
            others[ann.uuid] = raw = raw_marks_of(ann)
            marks.extend(raw)
        self._other_marks = others
        self._short = sorted(m for m in marks if m[1] - m[0] <= _LONG_MARK)
        self._short_starts = [m[0] for m in self._short]
        self._long = [m for m in marks if m[1] - m[0] > _LONG_MARK]

    def extend(self, annotations: Iterable[Annotation]) -> None:
        """Add the marks of annotations not in the index yet (a slice of a loading
        document: its entities start past those in hand, so they are appended)."""
        anns = list(annotations)
        entities = self._entities
        new = [a for a in anns if type(a) is Entity]
        if new:
            new.sort(key=_START)
            unordered = bool(entities) and _START(entities[-1]) > _START(new[0])
            entities.extend(new)
            if unordered:
                entities.sort(key=_START)  # two sorted runs: one merge
            longest = max(a.span.end - a.span.start for a in new)
            self._longest_entity = max(self._longest_entity, longest)
        for ann in anns:
            if type(ann) is not Entity:
                self.add(ann)

    def add(self, ann: Annotation) -> set[int]:
        """Add an annotation's marks; returns the blocks whose look changed."""
        if isinstance(ann, Entity):
            at = bisect_right(self._entities, ann.span.start, key=_START)
            self._entities.insert(at, ann)
            self._longest_entity = max(self._longest_entity, ann.span.end - ann.span.start)
            return self._blocks_of([(ann.span.start, ann.span.end)])
        marks = raw_marks_of(ann)
        self._other_marks[ann.uuid] = marks
        for mark in marks:
            if mark[1] - mark[0] <= _LONG_MARK:
                at = bisect_right(self._short, mark)
                self._short.insert(at, mark)
                self._short_starts.insert(at, mark[0])
            else:
                self._long.append(mark)
        return self._blocks_of([(m[0], m[1]) for m in marks])

    def remove(self, ann: Annotation) -> set[int]:
        """Drop an annotation's marks (as drawn); returns the blocks that changed."""
        if isinstance(ann, Entity):
            entities = self._entities
            at = bisect_left(entities, ann.span.start, key=_START)
            while at < len(entities) and entities[at].span.start == ann.span.start:
                if entities[at].uuid == ann.uuid:
                    break
                at += 1
            else:
                at = next((i for i, e in enumerate(entities) if e.uuid == ann.uuid), -1)
            if at < 0:
                return set()
            gone = entities.pop(at)
            return self._blocks_of([(gone.span.start, gone.span.end)])
        marks = self._other_marks.pop(ann.uuid, [])
        for mark in marks:
            if mark[1] - mark[0] <= _LONG_MARK:
                at = bisect_left(self._short, mark)
                if at < len(self._short) and self._short[at] == mark:
                    del self._short[at]
                    del self._short_starts[at]
            else:
                self._long.remove(mark)
        return self._blocks_of([(m[0], m[1]) for m in marks])

    def _blocks_of(self, spans: Iterable[tuple[int, int]]) -> set[int]:
        blocks: set[int] = set()
        for start, end in spans:
            blocks.update(range(self.block_of(start), self.block_of(end - 1) + 1))
        return blocks

    # ------------------------------------------------------------------ blocks

    def _scan_blocks(self, offset: int) -> None:
        """Find the block breaks in at least ``[0, offset]``."""
        text = self.text
        begin = self._blocks_scanned
        end = min(len(text), max(offset + 1, 2 * begin, _FIRST_SCAN))
        self._block_starts += [m.end() for m in _BLOCK_BREAK.finditer(text, begin, end)]
        self._blocks_scanned = end

    @property
    def block_count(self) -> int:
        """How many blocks (paragraphs) the text has in a QTextDocument."""
        return self._block_count

    def block_of(self, offset: int) -> int:
        """The block holding code point ``offset``."""
        if offset >= self._blocks_scanned and self._blocks_scanned < len(self.text):
            self._scan_blocks(offset)
        return max(0, bisect_right(self._block_starts, offset) - 1)

    def block_range(self, block: int) -> tuple[int, int]:
        """A block's text as ``[start, end)`` code points, without its break."""
        while len(self._block_starts) <= block + 1 and self._blocks_scanned < len(self.text):
            self._scan_blocks(self._blocks_scanned)
        start = self._block_starts[block]
        if block + 1 < len(self._block_starts):
            return start, self._block_starts[block + 1] - 1
        return start, len(self.text)

    # ------------------------------------------------------------------ queries

    def __len__(self) -> int:
        """Number of annotations with marks."""
        return len(self._entities) + len(self._other_marks)

    def _raw_between(self, start: int, end: int) -> list[RawMark]:
        end = max(end, start + 1)
        entities = self._entities
        lo = bisect_left(entities, start - self._longest_entity, key=_START)
        hi = bisect_left(entities, end, key=_START)
        found: list[RawMark] = [
            (e.span.start, e.span.end, ROLE_ENTITY, e.label, e.uuid)
            for e in entities[lo:hi]
            if e.span.end > start
        ]
        hi = bisect_left(self._short_starts, end)
        lo = bisect_left(self._short_starts, start - _LONG_MARK)
        found += [m for m in self._short[lo:hi] if m[1] > start]
        if self._long:
            found += [m for m in self._long if m[0] < end and m[1] > start]
        return found

    def marks_between(self, start: int, end: int) -> list[Mark]:
        """Marks that overlap ``[start, end)`` (an empty range asks about ``start``)."""
        return [Mark._make(m) for m in self._raw_between(start, end)]

    def marks_at(self, offset: int) -> list[Mark]:
        """Marks covering code point ``offset``, shortest first."""
        return sorted(self.marks_between(offset, offset + 1), key=lambda m: m.end - m.start)

    def marks_of_annotation(self, uuid: str) -> list[Mark]:
        """The marks an annotation draws (empty when unknown)."""
        entity = next((e for e in self._entities if e.uuid == uuid), None)
        if entity is not None:
            return [Mark(entity.span.start, entity.span.end, ROLE_ENTITY, entity.label, uuid)]
        return [Mark._make(m) for m in self._other_marks.get(uuid, [])]

    def segments(self, block: int) -> list[tuple[int, int, StyleKey]]:
        """The block's marks as non-overlapping ``(utf16_start, utf16_length, style)``.

        Positions are UTF-16 units relative to the block's first character. Where
        entities nest, the innermost (shortest) one gives the colour.
        """
        block_start, block_end = self.block_range(block)
        clipped = [
            (max(m[0], block_start), min(m[1], block_end), m)
            for m in self._raw_between(block_start, block_end)
            if min(m[1], block_end) > max(m[0], block_start)
        ]
        if not clipped:
            return []
        cuts = sorted({c for s, e, _ in clipped for c in (s, e)})
        to_utf16 = self.offsets.to_utf16
        base = to_utf16(block_start)
        segments: list[tuple[int, int, StyleKey]] = []
        # A sweep from cut to cut: the marks covering a stretch are those begun and not
        # yet ended (a few), taken in the order of ``clipped`` as before.
        by_start = sorted(range(len(clipped)), key=lambda i: clipped[i][0])
        waiting = 0
        active: list[int] = []
        for left, right in pairwise(cuts):
            while waiting < len(by_start) and clipped[by_start[waiting]][0] <= left:
                active.append(by_start[waiting])
                waiting += 1
            active = [i for i in active if clipped[i][1] > left]
            if not active:
                continue
            entity: RawMark | None = None
            quote = evidence = None
            cue = False
            for i in sorted(active):
                mark = clipped[i][2]
                role = mark[2]
                if role == ROLE_ENTITY:
                    if entity is None or mark[1] - mark[0] < entity[1] - entity[0]:
                        entity = mark
                elif role == ROLE_QUOTE:
                    quote = mark[3]
                elif role == ROLE_CUE:
                    cue = True
                    quote = quote or mark[3]
                else:
                    evidence = mark[3]
            key = StyleKey(entity[3] if entity else None, quote, cue, evidence)
            if key == _NO_STYLE:
                continue
            u_left = to_utf16(left)
            segments.append((u_left - base, to_utf16(right) - u_left, key))
        return segments


QUOTE_COLOR = "#1c4f9c"


class FormatPalette:
    """Character formats for every style of segment, built once per schema."""

    def __init__(self, schema: Schema) -> None:
        """Read the entity and polarity colours of ``schema``."""
        self._entity_colors = {d.label: QColor(d.color) for d in schema.entities}
        self._polarity_colors = {d.label: QColor(d.color) for d in schema.polarities}
        self._cache: dict[StyleKey, QTextCharFormat] = {}

    def entity_color(self, label: str) -> QColor:
        """The background colour of an entity label."""
        return QColor(self._entity_colors.get(label, QColor("#d0d0d0")))

    def polarity_color(self, polarity: str) -> QColor:
        """The underline colour of a stance polarity."""
        return QColor(self._polarity_colors.get(polarity, QColor("#7a7a7a")))

    def format_for(self, key: StyleKey) -> QTextCharFormat:
        """The format of a segment.

        Only colours and underlines change: a change of font would split the shaping
        of an Arabic word at the mark's edge and break the joining of its letters.
        """
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        fmt = QTextCharFormat()
        if key.entity is not None:
            fmt.setBackground(self.entity_color(key.entity))
        if key.quote is not None:
            quote = QColor(QUOTE_COLOR)
            fmt.setForeground(quote)
            fmt.setUnderlineColor(quote)
            fmt.setUnderlineStyle(
                QTextCharFormat.UnderlineStyle.DashUnderline
                if key.cue
                else QTextCharFormat.UnderlineStyle.SingleUnderline
            )
        if key.evidence is not None:
            fmt.setUnderlineColor(self.polarity_color(key.evidence))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._cache[key] = fmt
        return fmt


class MarkHighlighter(QSyntaxHighlighter):
    """Applies a :class:`MarkIndex` to the blocks of one document, block by block.

    Create it on an *empty* document: Qt then schedules no full pass, and the view
    calls :meth:`rehighlightBlock` for the blocks it is about to show.
    """

    def __init__(self, document: QTextDocument, index: MarkIndex, palette: FormatPalette) -> None:
        """Attach to ``document`` (child of it, so it goes when the document goes)."""
        super().__init__(document)
        self.index = index
        self.palette = palette
        self.blocks_highlighted = 0

    @override
    def highlightBlock(self, text: str) -> None:
        self.blocks_highlighted += 1
        block = self.currentBlock().blockNumber()
        format_for = self.palette.format_for
        for start, length, key in self.index.segments(block):
            self.setFormat(start, length, format_for(key))


def span_to_utf16(index: MarkIndex, span: Span) -> tuple[int, int]:
    """A code-point span as UTF-16 ``(start, end)`` positions of the displayed text."""
    return index.offsets.to_utf16(span.start), index.offsets.to_utf16(span.end)
