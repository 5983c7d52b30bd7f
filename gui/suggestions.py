"""The suggestion layer of the article: what the recommenders propose, drawn apart.

:class:`SuggestionLayer` holds the open suggestions of the shown document in text order
and answers "which one is under the caret", "which one comes next";
:func:`paint_suggestions` draws each visible one as a dashed outline in its label's
colour, over the text (annotations are filled backgrounds: the two never look alike).
:class:`StemSnapper` is the article's word snapping made clitic-aware: a mouse
selection of ``وبوتين`` becomes ``بوتين`` when ``بوتين`` is a word of the document.
The Arabic logic is the core's (``corpus.clitics``); this module only calls it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextBlock, QTextLine

from corpus.arabic import snap_to_word
from corpus.clitics import Vocabulary, stem_span
from corpus.model import Entity
from corpus.suggest.model import Suggestion

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPlainTextEdit

    from corpus.textpos import OffsetMap

# Quote suggestions: the colour of quote marks (gui.marks.QUOTE_COLOR).
QUOTE_SUGGESTION_COLOR = QColor("#1c4f9c")


def _order(sug: Suggestion) -> tuple[int, int, int]:
    return (sug.start, sug.end, sug.id or 0)


class SuggestionLayer:
    """The open suggestions of one document, by start (code points)."""

    def __init__(self, suggestions: Iterable[Suggestion] = ()) -> None:
        """Hold ``suggestions`` (in any order)."""
        self._items: list[Suggestion] = []
        self._starts: list[int] = []
        self._longest = 0
        self.reset(suggestions)

    def reset(self, suggestions: Iterable[Suggestion]) -> None:
        """Replace every suggestion."""
        self._items = sorted(suggestions, key=lambda s: (s.start, s.end, s.id or 0))
        self._starts = [s.start for s in self._items]
        self._longest = max((s.end - s.start for s in self._items), default=0)

    def update(self, dropping: Iterable[Suggestion], adding: Iterable[Suggestion]) -> None:
        """Take out ``dropping`` (suggestions held, found by start and id), put ``adding``
        in (an edit's share of the layer: the rest stays as it is). Costs a bisection
        per suggestion, and moves of the list in C."""
        gone = {s.id: s for s in dropping if s.id is not None}
        if gone and len(gone) * 8 > len(self._items):  # most of it: one pass
            pairs = zip(self._items, self._starts, strict=True)
            kept = [(s, at) for s, at in pairs if s.id not in gone]
            self._items = [s for s, _ in kept]
            self._starts = [at for _, at in kept]
        elif gone:
            doomed: list[int] = []
            for sug in gone.values():
                lo = bisect_left(self._starts, sug.start)
                hi = bisect_right(self._starts, sug.start, lo)
                doomed += [i for i in range(lo, hi) if self._items[i].id == sug.id]
            for i in sorted(doomed, reverse=True):
                del self._items[i]
                del self._starts[i]
        # _longest stays: an upper bound is all between() needs.
        added = sorted(adding, key=_order)
        if not added:
            return
        items, starts = self._items, self._starts
        merged: list[Suggestion] = []
        merged_starts: list[int] = []
        done = 0
        for sug in added:
            start = sug.start
            lo = bisect_left(starts, start, done)
            hi = bisect_right(starts, start, lo)
            # Among those starting there (few), by end and id as reset() orders them.
            at = bisect_right(items, _order(sug), lo, hi, key=_order) if hi > lo else lo
            merged += items[done:at]
            merged_starts += starts[done:at]
            merged.append(sug)
            merged_starts.append(start)
            done = at
            self._longest = max(self._longest, sug.end - start)
        merged += items[done:]
        merged_starts += starts[done:]
        self._items, self._starts = merged, merged_starts

    def by_id(self, suggestion_id: int) -> Suggestion | None:
        """The suggestion with that id, if drawn."""
        return next((s for s in self._items if s.id == suggestion_id), None)

    def extend(self, ordered: Sequence[Suggestion]) -> None:
        """Add suggestions in text order that start at or after every one held (a
        long document's come in slices): no sort, whatever is held already."""
        if not ordered:
            return
        if self._items and ordered[0].start < self._starts[-1]:
            raise ValueError("extend() takes suggestions starting after those held")
        self._items.extend(ordered)
        self._starts.extend(s.start for s in ordered)
        self._longest = max(self._longest, max(s.end - s.start for s in ordered))

    def replace(self, start: int, end: int, ordered: Sequence[Suggestion]) -> None:
        """Put ``ordered`` (in text order, each starting in ``[start, end)``) in place of
        the suggestions held that start in ``[start, end)``."""
        lo = bisect_left(self._starts, start)
        hi = bisect_left(self._starts, end)
        self._items[lo:hi] = ordered
        self._starts[lo:hi] = [s.start for s in ordered]
        if ordered:
            self._longest = max(self._longest, max(s.end - s.start for s in ordered))

    def __len__(self) -> int:
        """How many suggestions."""
        return len(self._items)

    def __iter__(self) -> Iterator[Suggestion]:
        """The suggestions by start."""
        return iter(self._items)

    @property
    def items(self) -> list[Suggestion]:
        """The suggestions by start."""
        return list(self._items)

    def between(self, start: int, end: int) -> list[Suggestion]:
        """Suggestions overlapping ``[start, end)``."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, max(end, start + 1))
        return [s for s in self._items[lo:hi] if s.end > start]

    def at(self, offset: int, end: int | None = None) -> Suggestion | None:
        """The suggestion under code point ``offset``: one of exactly ``[offset, end)``
        first, then the shortest covering ``offset``, entities before quotes."""
        covering = self.between(offset, offset + 1)
        if end is not None:
            exact = [s for s in covering if (s.start, s.end) == (offset, end)]
            if exact:
                covering = exact
        if not covering:
            return None
        return min(covering, key=lambda s: (s.layer != "entity", s.end - s.start, s.id or 0))

    def after(self, offset: int) -> Suggestion | None:
        """The first suggestion starting after ``offset`` (wrapping round)."""
        if not self._items:
            return None
        at = bisect_right(self._starts, offset)
        return self._items[at % len(self._items)]

    def before(self, offset: int) -> Suggestion | None:
        """The last suggestion starting before ``offset`` (wrapping round)."""
        if not self._items:
            return None
        at = bisect_left(self._starts, offset) - 1
        return self._items[at % len(self._items)]

    def sources(self) -> list[str]:
        """The sources that have suggestions here, in order of first appearance."""
        return list(dict.fromkeys(s.source for s in self._items))


def suggestion_color(suggestion: Suggestion, entity_color: QColor) -> QColor:
    """The outline colour: the label's, darkened to read as a line on white."""
    if isinstance(suggestion.proposal, Entity):
        return entity_color.darker(170)
    return QColor(QUOTE_SUGGESTION_COLOR)


# A block on screen: its top-left on the viewport, its first position, its lines as
# (start, end, line); None below the viewport.
_Block = tuple[float, float, int, list[tuple[int, int, QTextLine]]] | None


class _LineBoxes:
    """Where the lines of the blocks on screen are, measured once per paint: every
    suggestion of a block reuses its geometry and lines."""

    def __init__(self, view: QPlainTextEdit) -> None:
        self._view = view
        self._document = view.document()
        self._offset = view.contentOffset()
        self._bottom = view.viewport().height()
        self._blocks: dict[int, _Block] = {}

    def _block(self, block: QTextBlock) -> _Block:
        number = block.blockNumber()
        if number in self._blocks:
            return self._blocks[number]
        geometry = self._view.blockBoundingGeometry(block).translated(self._offset)
        found: _Block
        if geometry.top() > self._bottom:
            found = None
        elif geometry.bottom() < 0 or not block.isVisible():
            found = (geometry.left(), geometry.top(), block.position(), [])
        else:
            layout = block.layout()
            base = block.position()
            lines = []
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                start = base + line.textStart()
                lines.append((start, start + line.textLength(), line))
            found = (geometry.left(), geometry.top(), base, lines)
        self._blocks[number] = found
        return found

    def rects(self, first: int, last: int) -> list[QRectF]:
        """The viewport rectangles of UTF-16 positions ``[first, last)``."""
        rects: list[QRectF] = []
        block = self._document.findBlock(first)
        while block.isValid() and block.position() < last:
            found = self._block(block)
            if found is None:
                break
            left, top, base, lines = found
            for line_start, line_end, line in lines:
                a, b = max(first, line_start), min(last, line_end)
                if a >= b:
                    continue
                # PySide hands back (x, position) for this overload.
                x1: float = line.cursorToX(a - base)[0]  # type: ignore[index]
                x2: float = line.cursorToX(b - base)[0]  # type: ignore[index]
                rects.append(
                    QRectF(left + min(x1, x2), top + line.y(), abs(x2 - x1), line.height())
                )
            block = block.next()
        return rects


def span_rects(view: QPlainTextEdit, offsets: OffsetMap, start: int, end: int) -> list[QRectF]:
    """The viewport rectangles of ``[start, end)`` code points, one per line shown.

    Only blocks on screen are measured: a long article costs what is visible.
    """
    return _LineBoxes(view).rects(offsets.to_utf16(start), offsets.to_utf16(end))


def paint_suggestions(
    view: QPlainTextEdit,
    offsets: OffsetMap,
    suggestions: Sequence[Suggestion],
    colors: dict[int, QColor],
    current: int | None = None,
) -> int:
    """Draw ``suggestions`` on the view's viewport as dashed outlines; the ``current``
    one (an id) with a thicker line and a faint fill. Returns how many were drawn.

    The blocks on screen are measured once for all of them, and one pen serves every
    suggestion of a colour: a screen holds dozens.
    """
    painter = QPainter(view.viewport())
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    boxes = _LineBoxes(view)
    pens: dict[tuple[int, bool], QPen] = {}
    fallback = QColor("#555555")
    drawn = 0
    for sug in suggestions:
        rects = boxes.rects(offsets.to_utf16(sug.start), offsets.to_utf16(sug.end))
        if not rects:
            continue
        color = colors.get(sug.id or 0, fallback)
        is_current = current is not None and sug.id == current
        key = (color.rgba(), is_current)
        pen = pens.get(key)
        if pen is None:
            pen = QPen(color)
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setWidthF(2.5 if is_current else 1.5)
            pens[key] = pen
        painter.setPen(pen)
        if is_current:
            fill = QColor(color)
            fill.setAlpha(40)
            painter.setBrush(fill)
        for rect in rects:
            painter.drawRoundedRect(rect.adjusted(0.5, 1.0, -0.5, -1.0), 3, 3)
        if is_current:
            painter.setBrush(Qt.BrushStyle.NoBrush)
        drawn += 1
    painter.end()
    return drawn


class StemSnapper:
    """Whole words without their proclitics: the session's snapper (``gui.session``).

    A selection is widened to whole words (``corpus.arabic.snap_to_word``), then its
    first word loses the proclitics ``corpus.clitics.stem_span`` finds, with the
    vocabulary of the document (its own words and the annotated entities): ``لبكين``
    gives ``بكين``, ``وقال`` gives ``قال``. The vocabulary is built once per text.
    """

    def __init__(self) -> None:
        """No vocabulary yet: it is made for the first text snapped in."""
        self._text: str | None = None
        self._vocabulary: Vocabulary | None = None
        self._entities: list[str] = []

    def vocabulary(self, text: str) -> Vocabulary:
        """The vocabulary of ``text`` (with the entities added so far)."""
        if self._vocabulary is None or self._text is not text:
            vocabulary = Vocabulary.from_texts([text])
            for surface in self._entities:
                vocabulary.add_entity(surface)
            self._text, self._vocabulary = text, vocabulary
        return self._vocabulary

    def adopt(self, text: str, vocabulary: Vocabulary) -> None:
        """Use ``vocabulary`` (of ``text``, built elsewhere) unless ``text`` has one."""
        if self._vocabulary is not None and self._text is text:
            return
        for surface in self._entities:
            vocabulary.add_entity(surface)
        self._text, self._vocabulary = text, vocabulary

    def add_entity(self, surface: str) -> None:
        """An annotated entity's words become known (for this and later texts)."""
        self._entities.append(surface)
        if self._vocabulary is not None:
            self._vocabulary.add_entity(surface)

    def word(self, text: str, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` widened to whole words, proclitics kept."""
        return snap_to_word(text, start, end)

    def stem(self, text: str, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` (whole words) without the proclitics of its first word."""
        first_end = start
        while first_end < end and not text[first_end].isspace():
            first_end += 1
        stem_start, _ = stem_span(text, start, first_end, self.vocabulary(text))
        return (stem_start, end) if stem_start < end else (start, end)

    def __call__(self, text: str, start: int, end: int) -> tuple[int, int]:
        """The span a mouse selection of ``[start, end)`` stands for."""
        start, end = self.word(text, start, end)
        return self.stem(text, start, end)
