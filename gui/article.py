"""The article view: right-to-left text with entity, quote and evidence marks."""

from __future__ import annotations

import sqlite3
import time
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QWidget,
)
from typing_extensions import override

from corpus.arabic import find_hits
from corpus.errors import CorpusError
from corpus.model import Annotation, Edit, Entity, Quote, Ref, Span, Stance
from corpus.suggest.model import Suggestion
from gui.allocation import exempt_survivors, hold_cyclic_gc, release_cyclic_gc
from gui.labels import argument_text, display_name
from gui.marks import (
    ROLE_CUE,
    ROLE_ENTITY,
    FormatPalette,
    MarkHighlighter,
    MarkIndex,
    display_text,
    first_blocks_end,
)
from gui.session import AnnotationSession
from gui.suggestions import SuggestionLayer, paint_suggestions, suggestion_color

MIN_POINT_SIZE = 8
MAX_POINT_SIZE = 48
# Parts of the selected annotation: its own text, and the arguments it points at.
SELECTED_COLOR = QColor("#ffe680")
ARGUMENT_COLOR = QColor("#ffb347")
TARGET_COLOR = QColor("#c9a7f2")
# Qt's own margin around a document, in pixels.
_DOCUMENT_MARGIN = 4.0
# Hits of the search words: a colour no label uses, so they stand out over marks.
HIT_COLOR = QColor("#ff8ad8")
# Label tags: dark text on a pale, slightly see-through box over the line above.
TAG_FILL = QColor(255, 255, 255, 190)
TAG_TEXT = QColor("#202020")
# Suggestions (see ArticleViewWidget.load_suggestions): a document with at most this
# many is read at once; one with more shows those of the screen at once and reads the
# rest in slices on the event loop, each aimed at SUGGESTION_SLICE_SECONDS.
SUGGESTIONS_AT_ONCE = 300
SUGGESTION_SLICE_SECONDS = 0.006
# Past the screen, suggestions wait for the annotations to be in (their slices and the
# suggestions' would share turns of the event loop): looked at again after this (ms).
SUGGESTIONS_WAIT_MS = 15
FIRST_SUGGESTION_SLICE = 400
MIN_SUGGESTION_SLICE = 50

# read(start, end, limit): the suggestions of the shown document starting in
# [start, end) (end None: to the end of the text), by start, at most limit (None: all).
SuggestionReader = Callable[[int, int | None, int | None], list[Suggestion]]


class _CollectorPause:
    """One pause of the cyclic collector, ended once whatever happens: by its owner,
    or when the widget holding it is destroyed (a window closed mid-loading)."""

    def __init__(self) -> None:
        self.held = False

    def hold(self) -> None:
        if not self.held:
            self.held = True
            hold_cyclic_gc()

    def release(self, *_args: object) -> None:
        if self.held:
            self.held = False
            release_cyclic_gc()


def rtl_text_option() -> QTextOption:
    """Right-to-left paragraphs, right-aligned whatever the widget's own direction."""
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    # AlignAbsolute: "right" means the right edge even when the UI runs left to right.
    option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    # Never inside a word: an Arabic word broken across lines reads as two words.
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    return option


class ArticleTitleLabel(QLabel):
    """The document's title over the article, when the text does not open with it
    (a JSONL record's headline, say); a plain-text article's title is its first line,
    shown once, in the text."""

    def __init__(self, font: QFont, parent: QWidget | None = None) -> None:
        """An empty, hidden title in a bold, larger ``font``."""
        super().__init__(parent)
        title_font = QFont(font)
        title_font.setBold(True)
        title_font.setPointSize(font.pointSize() + 2)
        self.setFont(title_font)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setContentsMargins(6, 4, 6, 4)
        self.setObjectName("article_title")
        self.hide()

    @staticmethod
    def worth_showing(title: str, text: str) -> bool:
        """Whether ``title`` says something the opening of ``text`` does not."""
        shown = title.strip().removesuffix("…").strip()
        return bool(shown) and not text.lstrip().startswith(shown)

    def show_title(self, title: str, text: str) -> None:
        """Show ``title`` above ``text`` (hidden when the text opens with it)."""
        if not self.worth_showing(title, text):
            self.clear()
            self.hide()
            return
        self.setText(title.strip())
        # Read in its own direction, from its own edge, whatever the UI's direction.
        rtl = any(unicodedata.bidirectional(c) in ("R", "AL") for c in title[:64])
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        self.setLayoutDirection(direction)
        edge = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        self.setAlignment(edge | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)
        self.show()


class ArticleViewWidget(QPlainTextEdit):
    """Shows one article read-only, with its marks, and reports clicks on them.

    Marks are applied block by block as blocks come into view (see ``gui.marks``),
    so a long article opens as fast as its visible part. It can also be shown with
    only the annotations of its first screen (``complete_until``); blocks past that
    get their marks once :meth:`add_marks` has handed over the rest and
    :meth:`complete_marks` says so. Positions leave this widget as code points: Qt's
    UTF-16 positions are converted with the document's ``OffsetMap``
    (``corpus.textpos``).

    Signals:
        mark_clicked(str): the uuid of the annotation whose mark was clicked.
        blank_clicked(): a click on the text outside any mark.
        zoom_changed(int): the new text size in points.
    """

    mark_clicked = Signal(str)
    blank_clicked = Signal()
    zoom_changed = Signal(int)
    suggestions_loaded = Signal(int)

    def __init__(
        self,
        session: AnnotationSession,
        font: QFont,
        arabic_names: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """Show the documents of ``session`` in ``font``."""
        super().__init__(parent)
        self._session = session
        self._arabic_names = arabic_names
        self._palette = FormatPalette(session.store.schema)
        self._font = QFont(font)
        self._index: MarkIndex | None = None
        self._highlighter: MarkHighlighter | None = None
        self._highlighted = bytearray()
        # Blocks ending past this offset wait for the rest of the annotations.
        self._complete_until = 0
        self._blocks_waiting = False
        self._press_pos: QPoint | None = None
        # (anchor, position) of the last selection a key press made (UTF-16).
        self._keyboard_selection: tuple[int, int] | None = None
        self.paint_count = 0
        self._part_selections: list[QTextEdit.ExtraSelection] = []
        self._search_query = ""
        self._hits: list[tuple[int, int]] = []
        self._hit_selections: list[QTextEdit.ExtraSelection] = []
        self._show_labels = False
        self._suggestions = SuggestionLayer()
        # Outline colours by (entity?, label): computed for what is painted, not for
        # every suggestion of a long document.
        self._suggestion_label_colors: dict[tuple[bool, str], QColor] = {}
        # Progressive reading of the suggestions (load_suggestions): the reader, the
        # layer being filled (the one drawn, or a new one swapped in when complete),
        # where the next slice starts (None: every suggestion is in).
        self._suggestion_read: SuggestionReader | None = None
        self._loading_layer: SuggestionLayer | None = None
        self._suggestions_next: int | None = None
        self._suggestion_slice = FIRST_SUGGESTION_SLICE
        self._suggestion_gc = _CollectorPause()
        self.destroyed.connect(self._suggestion_gc.release)
        self._fresh_suggestions = True
        self._suggestion_timer = QTimer(self)
        self._suggestion_timer.setSingleShot(True)
        self._suggestion_timer.setInterval(0)
        self._suggestion_timer.timeout.connect(self._read_suggestion_slice)
        self._current_suggestion: int | None = None
        # What a mouse selection becomes when the button is released (None: kept).
        self.mouse_snapper: Callable[[int, int], Span | None] | None = None
        self.cursorPositionChanged.connect(self._follow_current_suggestion)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setCenterOnScroll(False)
        self.setFont(self._font)
        self.document().setDefaultTextOption(rtl_text_option())
        self.setCursorWidth(2)
        self.setObjectName("article")

    # ------------------------------------------------------------------ documents

    @property
    def index(self) -> MarkIndex | None:
        """The marks of the shown document."""
        return self._index

    @property
    def highlighter(self) -> MarkHighlighter | None:
        """The highlighter of the shown document."""
        return self._highlighter

    @property
    def marks_complete(self) -> bool:
        """Whether every block can show its marks (all annotations are in)."""
        return self._index is not None and self._complete_until > len(self._index.text)

    def first_screen_end(self, text: str) -> int:
        """Where (code points) the blocks the first screen shows of ``text`` end, at
        most: the annotations touching ``[0, first_screen_end)`` are all it needs.

        Half as much again as :meth:`show_document` formats ahead of layout: the
        estimate is made from average glyph widths (Latin ones: Arabic letters are
        narrower, so it already holds more than the screen), and a few more
        annotations cost little next to a visible block left without its marks.
        """
        per_line, budget = self._first_screen_budget()
        return first_blocks_end(text, 3 * budget // 2, per_line // 2)

    def _first_screen_budget(self) -> tuple[int, int]:
        """Characters per line, and characters the first screen holds (doubled:
        short paragraphs leave lines half empty)."""
        metrics = self.fontMetrics()
        viewport = self.viewport().size()
        per_line = max(1, viewport.width() // max(1, metrics.averageCharWidth()))
        lines = max(1, viewport.height() // max(1, metrics.lineSpacing()))
        return per_line, 2 * per_line * lines

    def show_document(
        self,
        text: str,
        annotations: Sequence[Annotation],
        complete_until: int | None = None,
    ) -> None:
        """Show ``text`` with the marks of ``annotations``.

        With ``complete_until``, ``annotations`` are only those touching
        ``[0, complete_until)``: blocks ending past it show no marks until
        :meth:`complete_marks`.
        """
        index = MarkIndex(text)
        index.reset(annotations)
        document = QTextDocument(self)
        document.setUndoRedoEnabled(False)
        document.setDocumentLayout(QPlainTextDocumentLayout(document))
        document.setDefaultFont(self._font)
        document.setDefaultTextOption(rtl_text_option())
        self._fit_margin(document)
        # Attached while the document is empty, the highlighter schedules no pass over
        # every block; signals stay blocked while the text goes in for the same reason.
        highlighter = MarkHighlighter(document, index, self._palette)
        document.blockSignals(True)
        document.setPlainText(display_text(text))
        document.blockSignals(False)
        if document.blockCount() != index.block_count:
            raise AssertionError(
                f"the view has {document.blockCount()} blocks, the index {index.block_count}"
            )
        self._highlighted = bytearray(index.block_count)
        self._complete_until = len(text) + 1 if complete_until is None else complete_until
        self._blocks_waiting = False
        self._highlight_first_screen(document, highlighter, index)
        old = self.document()
        ours = old.parent() is self
        self._index = index
        self._highlighter = highlighter
        self._part_selections = []
        # The old document's suggestions: the new one's come from the assistant.
        self._stop_loading_suggestions()
        self._suggestions = SuggestionLayer()
        self._fresh_suggestions = True
        self._current_suggestion = None
        self.setExtraSelections([])
        self.setDocument(document)
        if ours:
            old.deleteLater()
        self._find_hits()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)
        self._highlight_visible_blocks()

    def add_marks(self, annotations: Sequence[Annotation]) -> None:
        """Take annotations that came in while the document loads (none shown yet:
        they touch no block formatted so far, whose marks were all in hand)."""
        if self._index is not None:
            self._index.extend(annotations)

    def complete_marks(self) -> None:
        """Every annotation is in the index now (after a partial
        :meth:`show_document` and :meth:`add_marks`): blocks that waited get their
        marks as they show."""
        index = self._index
        if index is None:
            return
        self._complete_until = len(index.text) + 1
        if self._blocks_waiting:
            self._blocks_waiting = False
            self.viewport().update()

    def _ready(self, index: MarkIndex, block: int) -> bool:
        """Whether every mark of a block is known."""
        return index.block_range(block)[1] <= self._complete_until

    def _highlight_first_screen(
        self, document: QTextDocument, highlighter: MarkHighlighter, index: MarkIndex
    ) -> None:
        """Format the blocks the first screen will show before anything is laid out,
        so that they are laid out once, with their marks."""
        per_line, budget = self._first_screen_budget()
        block = document.firstBlock()
        while block.isValid() and budget > 0:
            number = block.blockNumber()
            if not self._ready(index, number):
                self._blocks_waiting = True
                break
            self._highlighted[number] = 1
            highlighter.rehighlightBlock(block)
            budget -= block.length() + per_line // 2
            block = block.next()

    def apply_edit(self, edit: Edit) -> None:
        """Redraw what an applied edit changed (only the blocks it touched)."""
        index = self._index
        if index is None:
            return
        blocks: set[int] = set()
        for change in edit.changes:
            if change.before is not None:
                blocks |= index.remove(change.before)
            if change.after is not None:
                blocks |= index.add(change.after)
        self._rehighlight(blocks)

    def _rehighlight(self, blocks: set[int]) -> None:
        highlighter = self._highlighter
        if highlighter is None:
            return
        document = self.document()
        for number in sorted(blocks):
            if self._highlighted[number]:
                highlighter.rehighlightBlock(document.findBlockByNumber(number))

    def _highlight_visible_blocks(self) -> None:
        """Format the blocks on screen that have not been formatted yet."""
        highlighter = self._highlighter
        index = self._index
        if highlighter is None or index is None:
            return
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        bottom = self.viewport().height()
        done = self._highlighted
        while block.isValid():
            number = block.blockNumber()
            if not done[number]:
                if self._ready(index, number):
                    done[number] = 1
                    highlighter.rehighlightBlock(block)
                else:
                    self._blocks_waiting = True
            if self.blockBoundingGeometry(block).translated(offset).bottom() > bottom:
                break
            block = block.next()

    def unmarked_visible_blocks(self) -> list[int]:
        """Blocks on screen still without their marks (waiting for annotations)."""
        if self._index is None:
            return []
        unmarked: list[int] = []
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        bottom = self.viewport().height()
        while block.isValid():
            if not self._highlighted[block.blockNumber()]:
                unmarked.append(block.blockNumber())
            if self.blockBoundingGeometry(block).translated(offset).bottom() > bottom:
                break
            block = block.next()
        return unmarked

    @override
    def paintEvent(self, e: QPaintEvent) -> None:
        self._highlight_visible_blocks()
        super().paintEvent(e)
        if len(self._suggestions) and self._index is not None:
            first, last = self.visible_range()
            shown = self._suggestions.between(first, last)
            paint_suggestions(
                self,
                self._index.offsets,
                shown,
                {s.id or 0: self._suggestion_color(s) for s in shown},
                self._current_suggestion,
            )
        if self._show_labels:
            self._paint_label_tags()
        self.paint_count += 1

    # ------------------------------------------------------------------ positions

    def _to_codepoint(self, position: int) -> int:
        assert self._index is not None
        return self._index.offsets.to_codepoint(position)

    def _to_utf16(self, offset: int) -> int:
        assert self._index is not None
        return self._index.offsets.to_utf16(offset)

    def selected_range(self) -> tuple[int, int] | None:
        """The text selection as ``(start, end)`` code points, or None when empty."""
        cursor = self.textCursor()
        if self._index is None or not cursor.hasSelection():
            return None
        start = self._to_codepoint(cursor.selectionStart())
        end = self._to_codepoint(cursor.selectionEnd())
        return (start, end) if end > start else None

    def select_range(self, start: int, end: int) -> None:
        """Select ``[start, end)`` code points with the text cursor."""
        if self._index is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._to_utf16(start))
        cursor.setPosition(self._to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def clear_text_selection(self) -> None:
        """Drop the text selection, leaving the cursor where it ends."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)

    def char_at(self, point: QPoint) -> int | None:
        """The character (code point) under a viewport point, None off the text."""
        if self._index is None:
            return None
        block = self.cursorForPosition(point).block()
        if not block.isValid():
            return None
        geometry = self.blockBoundingGeometry(block).translated(self.contentOffset())
        layout = block.layout()
        y = point.y() - geometry.top()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.y() <= y < line.y() + line.height():
                x = point.x() - geometry.left()
                if not line.naturalTextRect().contains(x, line.y() + line.height() / 2):
                    return None
                at = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
                return self._to_codepoint(block.position() + at)
        return None

    # ------------------------------------------------------------------ marks

    def show_parts(self, parts: Sequence[tuple[Span, QColor]], scroll: bool = False) -> None:
        """Emphasise a few spans (the selected annotation or a draft): one extra
        selection each, which is cheap for so few."""
        if self._index is None:
            return
        self._part_selections = [self._background(s.start, s.end, color) for s, color in parts]
        self.setExtraSelections(self._hit_selections + self._part_selections)
        if scroll and parts:
            self.scroll_to(parts[0][0])

    def _background(self, start: int, end: int, color: QColor) -> QTextEdit.ExtraSelection:
        """An extra selection painting ``[start, end)`` code points on ``color``."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._to_utf16(start))
        cursor.setPosition(self._to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    # ------------------------------------------------------------------ search hits

    @property
    def hits(self) -> list[tuple[int, int]]:
        """Where the search words occur in the shown text, ``(start, end)`` code points."""
        return list(self._hits)

    def set_search_query(self, query: str) -> None:
        """Highlight the words of ``query`` (the document search box's) in the article."""
        if query != self._search_query:
            self._search_query = query
            self._find_hits()

    def _find_hits(self) -> None:
        index = self._index
        self._hits = find_hits(index.text, self._search_query) if index is not None else []
        self._hit_selections = [self._background(a, b, HIT_COLOR) for a, b in self._hits]
        self.setExtraSelections(self._hit_selections + self._part_selections)

    def step_hit(self, forward: bool) -> int | None:
        """Select the next (or previous) hit after the cursor, wrapping round; its
        number counted from 1, or None when there is no hit."""
        hits = self._hits
        if not hits or self._index is None:
            return None
        cursor = self.textCursor()
        start = self._to_codepoint(cursor.selectionStart())
        end = self._to_codepoint(cursor.selectionEnd())
        starts = [a for a, _b in hits]
        if forward:
            # From a hit, on to the one after it; from elsewhere, to the first at or past it.
            on_hit = (start, end) in hits
            number = (bisect_right if on_hit else bisect_left)(starts, start) % len(hits)
        else:
            number = (bisect_left(starts, start) - 1) % len(hits)
        self.select_range(*hits[number])
        self.centerCursor()
        return number + 1

    # ------------------------------------------------------------------ label tags

    @property
    def show_labels(self) -> bool:
        """Whether each entity mark shows its label in a small tag."""
        return self._show_labels

    def set_show_labels(self, shown: bool) -> None:
        """Show or hide the label tags (painted over the view: the text is untouched)."""
        if shown != self._show_labels:
            self._show_labels = shown
            self._fit_margin(self.document())
            self.viewport().update()

    def _tag_font(self) -> QFont:
        font = QFont(self._font)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.5))
        return font

    def _fit_margin(self, document: QTextDocument) -> None:
        """Room above the first line for its tags (the lines below have their gaps)."""
        room = QFontMetricsF(self._tag_font()).height() * 0.6 if self._show_labels else 0.0
        document.setDocumentMargin(_DOCUMENT_MARGIN + room)

    def _paint_label_tags(self) -> None:
        """A small box with its label above the start of every entity mark on screen."""
        index = self._index
        if index is None:
            return
        font = self._tag_font()
        metrics = QFontMetricsF(font)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        bottom = self.viewport().height()
        offset = self.contentOffset()
        block = self.firstVisibleBlock()
        entities = self._session.store.schema.entities
        while block.isValid():
            if self._highlighted[block.blockNumber()]:
                first, last = index.block_range(block.blockNumber())
                for mark in index.marks_between(first, last):
                    if mark.role != ROLE_ENTITY or mark.start < first:
                        continue
                    name = display_name(entities, mark.style, self._arabic_names)
                    self._paint_tag(painter, metrics, mark.start, mark.style, name)
            if self.blockBoundingGeometry(block).translated(offset).bottom() > bottom:
                break
            block = block.next()
        painter.end()

    def _paint_tag(
        self, painter: QPainter, metrics: QFontMetricsF, start: int, label: str, name: str
    ) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._to_utf16(start))
        caret = self.cursorRect(cursor)
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
        next_caret = self.cursorRect(cursor)
        rtl = next_caret.top() == caret.top() and next_caret.left() < caret.left()
        width = metrics.horizontalAdvance(name) + 6
        height = metrics.height()
        # In the gap between the lines: over the line's empty top and the line above's
        # descent, not the letters (the first line has no gap above: inside its top).
        top = max(0.0, caret.top() - height * 0.45)
        left = caret.left() - width if rtl else float(caret.left())
        box = QRectF(left, top, width, height)
        painter.setPen(self._palette.entity_color(label).darker(160))
        painter.setBrush(TAG_FILL)
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(TAG_TEXT)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, name)

    def scroll_to(self, span: Span) -> None:
        """Bring a span into view without changing the selection."""
        if self._index is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._to_utf16(span.start))
        rect = self.cursorRect(cursor)
        if not self.viewport().rect().contains(rect):
            keep = self.textCursor()
            self.setTextCursor(cursor)
            self.centerCursor()
            if keep.hasSelection():
                self.setTextCursor(keep)

    def annotation_parts(self, ann: Annotation) -> list[tuple[Span, QColor]]:
        """The spans to emphasise for a selected annotation, its own first."""

        def entity_span(arg: Span | Ref | None) -> Span | None:
            if isinstance(arg, Ref):
                found = self._session.annotation(arg.uuid)
                return found.span if isinstance(found, Entity) else None
            return arg

        parts: list[tuple[Span, QColor]] = []
        if isinstance(ann, Entity):
            parts.append((ann.span, self._palette.entity_color(ann.label).darker(135)))
        elif isinstance(ann, Quote):
            parts.append((ann.content, SELECTED_COLOR))
            if ann.cue is not None:
                parts.append((ann.cue, ARGUMENT_COLOR))
            speaker = entity_span(ann.speaker)
            if speaker is not None:
                parts.append((speaker, ARGUMENT_COLOR))
        else:
            assert isinstance(ann, Stance)
            parts += [(ev, SELECTED_COLOR) for ev in ann.evidence]
            holder = entity_span(ann.holder)
            if holder is not None:
                parts.append((holder, ARGUMENT_COLOR))
            target = ann.target
            if isinstance(target, Span | Ref):
                target_span = entity_span(target)
                if target_span is not None:
                    parts.append((target_span, TARGET_COLOR))
        return parts

    def mark_at(self, point: QPoint) -> str | None:
        """The annotation whose mark lies under a point: the innermost entity first."""
        if self._index is None:
            return None
        at = self.char_at(point)
        if at is None:
            return None
        marks = self._index.marks_at(at)
        if not marks:
            return None
        entities = [m for m in marks if m.role == ROLE_ENTITY]
        return (entities or marks)[0].uuid

    def describe_marks_at(self, point: QPoint) -> str:
        """The tooltip for a point: label and annotator of each mark there."""
        if self._index is None:
            return ""
        at = self.char_at(point)
        if at is None:
            return ""
        schema = self._session.store.schema
        text = self._index.text
        lines: list[str] = []
        seen: set[str] = set()
        for mark in self._index.marks_at(at):
            if mark.uuid in seen:
                continue
            seen.add(mark.uuid)
            ann = self._session.annotation(mark.uuid)
            if ann is None:
                continue
            who = ann.annotator
            if isinstance(ann, Entity):
                name = display_name(schema.entities, ann.label, self._arabic_names)
                lines.append(self.tr("{0} ({1}) — by {2}").format(name, ann.label, who))
            elif isinstance(ann, Quote):
                kind = display_name(schema.quote_kinds, ann.kind, self._arabic_names)
                speaker = argument_text(text, ann.speaker, self._session.annotation) or "—"
                role = self.tr("Cue of a quote") if mark.role == ROLE_CUE else self.tr("Quote")
                lines.append(
                    self.tr("{0}, {1}; speaker: {2} — by {3}").format(role, kind, speaker, who)
                )
            elif isinstance(ann, Stance):
                polarity = display_name(schema.polarities, ann.polarity, self._arabic_names)
                lines.append(
                    self.tr("Stance evidence, {0}: {1} → {2} — by {3}").format(
                        polarity,
                        argument_text(text, ann.holder, self._session.annotation),
                        argument_text(text, ann.target, self._session.annotation),
                        who,
                    )
                )
        return "\n".join(lines)

    @override
    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.describe_marks_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    @override
    def mousePressEvent(self, e: QMouseEvent) -> None:
        self._press_pos = e.position().toPoint()
        cursor = self.textCursor()
        shift = bool(e.modifiers() & Qt.KeyboardModifier.ShiftModifier)  # extends it
        if e.button() == Qt.MouseButton.LeftButton and cursor.hasSelection() and not shift:
            # A press inside the selection (a suggestion F8 or Enter selected) starts
            # a new selection: the read-only article never drags text away.
            at = self.cursorForPosition(e.position().toPoint()).position()
            if cursor.selectionStart() <= at <= cursor.selectionEnd():
                cursor.clearSelection()
                self.setTextCursor(cursor)
        super().mousePressEvent(e)

    @override
    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        press, self._press_pos = self._press_pos, None
        if e.button() == Qt.MouseButton.LeftButton and self.textCursor().hasSelection():
            self._snap_mouse_selection()
            return
        if e.button() != Qt.MouseButton.LeftButton or press is None:
            return
        if (e.position().toPoint() - press).manhattanLength() > 4:
            return
        uuid = self.mark_at(e.position().toPoint())
        if uuid is not None:
            self.mark_clicked.emit(uuid)
        else:
            self.blank_clicked.emit()

    @override
    def mouseDoubleClickEvent(self, e: QMouseEvent) -> None:
        super().mouseDoubleClickEvent(e)
        if e.button() == Qt.MouseButton.LeftButton and self.textCursor().hasSelection():
            self._snap_mouse_selection()

    @override
    def keyPressEvent(self, e: QKeyEvent) -> None:
        before = self.textCursor()
        super().keyPressEvent(e)
        cursor = self.textCursor()
        moved = (cursor.anchor(), cursor.position()) != (before.anchor(), before.position())
        if moved and cursor.hasSelection():
            self._keyboard_selection = (cursor.anchor(), cursor.position())

    def selection_is_exact(self) -> bool:
        """Whether the text selection was made with the keyboard (Shift+arrows): it is
        character-exact already and must not be widened to whole words."""
        cursor = self.textCursor()
        return cursor.hasSelection() and self._keyboard_selection == (
            cursor.anchor(),
            cursor.position(),
        )

    def mark_selection_exact(self) -> None:
        """Take the text selection as it is from now on (as if made with the keyboard):
        it was snapped already, or the annotator chose it."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            self._keyboard_selection = (cursor.anchor(), cursor.position())

    def _snap_mouse_selection(self) -> None:
        """A mouse selection shows at once the span a label key will store (whole
        words without proclitics: ``وبوتين`` → ``بوتين``)."""
        selected = self.selected_range()
        if self.mouse_snapper is None or selected is None or self.selection_is_exact():
            return
        span = self.mouse_snapper(*selected)
        if span is None:
            return
        # Not marked exact: snapping it again (the label key does) gives the same span.
        if (span.start, span.end) != selected:
            self.select_range(span.start, span.end)

    # ------------------------------------------------------------------ suggestions

    @property
    def suggestions(self) -> SuggestionLayer:
        """The suggestions drawn over the shown document."""
        return self._suggestions

    @property
    def current_suggestion(self) -> int | None:
        """The id of the suggestion under the caret (drawn emphasised), or None."""
        return self._current_suggestion

    @property
    def suggestions_loading(self) -> bool:
        """Whether suggestions of the shown document are still being read in slices."""
        return self._suggestions_next is not None

    @property
    def suggestions_read_until(self) -> int:
        """The suggestions drawn are all those starting before this code point (past
        the end of the text once every one is read)."""
        if self._suggestions_next is None or self._loading_layer is not self._suggestions:
            return len(self._index.text) + 1 if self._index is not None else 0
        return self._suggestions_next

    def _suggestion_color(self, suggestion: Suggestion) -> QColor:
        key = (isinstance(suggestion.proposal, Entity), suggestion.label)
        color = self._suggestion_label_colors.get(key)
        if color is None:
            color = suggestion_color(suggestion, self._palette.entity_color(suggestion.label))
            self._suggestion_label_colors[key] = color
        return color

    def set_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        """Draw ``suggestions`` (dashed outlines in their label's colour)."""
        self._stop_loading_suggestions()
        self._fresh_suggestions = False
        self._suggestions.reset(suggestions)
        self._current_suggestion = None
        self._follow_current_suggestion()
        self.viewport().update()

    def load_suggestions(self, read: SuggestionReader) -> bool:
        """Draw the shown document's suggestions, as ``read`` gives them (see
        ``SuggestionReader``); True when every one is in on return.

        A document with few (``SUGGESTIONS_AT_ONCE``) is read at once. With more, the
        suggestions of the screen are read now (over what is drawn already), the rest
        in slices on the event loop, each aimed at ``SUGGESTION_SLICE_SECONDS``, into a
        layer that replaces the drawn one when complete; ``suggestions_loaded`` (how
        many) is emitted then. Right after :meth:`show_document` (nothing drawn yet)
        none is read now: the first paint shows the text and its marks, and the slices,
        from the start of the text, go straight into the drawn layer (the first one, on
        the next turn of the event loop, holds the first screen's); see
        ``suggestions_read_until``.
        """
        self._stop_loading_suggestions()
        index = self._index
        if index is None:
            self.set_suggestions(())
            return True
        self._suggestion_read = read
        self._suggestion_slice = FIRST_SUGGESTION_SLICE
        if self._fresh_suggestions:
            self._fresh_suggestions = False
            self._suggestions.reset(())
            self._loading_layer = self._suggestions
            self._suggestions_next = 0
        else:
            probe = read(0, None, SUGGESTIONS_AT_ONCE + 1)
            if len(probe) <= SUGGESTIONS_AT_ONCE:
                self.set_suggestions(probe)
                return True
            first, last = self.visible_range()
            self._suggestions.replace(first, last, read(first, last, None))
            self._current_suggestion = None
            self._follow_current_suggestion()
            self.viewport().update()
            self._loading_layer = SuggestionLayer()
            self._suggestions_next = 0
        # Tens of thousands of small objects, none in a cycle (see gui.allocation).
        self._suggestion_gc.hold()
        self._suggestion_timer.start(0)
        return False

    def _stop_loading_suggestions(self) -> None:
        self._suggestion_timer.stop()
        self._suggestion_read = None
        self._loading_layer = None
        self._suggestions_next = None
        self._suggestion_gc.release()

    def _read_suggestion_slice(self) -> None:
        """The next slice of suggestions (see :meth:`load_suggestions`)."""
        read, start, layer = self._suggestion_read, self._suggestions_next, self._loading_layer
        if read is None or start is None or layer is None:
            return
        if not self._session.loaded and (
            layer is not self._suggestions or start >= self.visible_range()[1]
        ):
            self._suggestion_timer.start(SUGGESTIONS_WAIT_MS)
            return
        began = time.perf_counter()
        limit = self._suggestion_slice
        following: int | None = None
        try:
            found = read(start, None, limit)
            if len(found) >= limit:
                # The last offset read may have more suggestions: it starts the next.
                following = found[-1].start
                found = found[: bisect_left(found, following, key=lambda s: s.start)]
                if not found:  # the whole slice starts there
                    found = read(following, following + 1, None)
                    following += 1
        except (CorpusError, sqlite3.Error):
            self._stop_loading_suggestions()  # the store is gone or failing: what is in stays
            return
        layer.extend(found)
        if layer is self._suggestions and found:
            # Drawn as they come: repainted when some are on screen.
            first, last = self.visible_range()
            if any(s.start < last and s.end > first for s in found):
                self._follow_current_suggestion()
                self.viewport().update()
        spent = max(time.perf_counter() - began, 1e-4)
        scale = min(2.0, max(0.25, SUGGESTION_SLICE_SECONDS / spent))
        self._suggestion_slice = max(MIN_SUGGESTION_SLICE, int(limit * scale))
        if following is not None:
            self._suggestions_next = following
            self._suggestion_timer.start(0)
            return
        if layer is not self._suggestions:
            self._suggestions = layer
            self._current_suggestion = None
            self._follow_current_suggestion()
            self.viewport().update()
        self._suggestion_read = None
        self._loading_layer = None
        self._suggestions_next = None
        if self._suggestion_gc.held:
            # They stay out of later collections, as the annotations do (gui.session).
            exempt_survivors()
            self._suggestion_gc.release()
        self.suggestions_loaded.emit(len(layer))

    def update_suggestions(
        self, dropping: Iterable[Suggestion], adding: Sequence[Suggestion]
    ) -> None:
        """Redraw part of the suggestions: ``dropping`` (drawn ones) out, ``adding`` in."""
        gone = list(dropping)
        if not gone and not adding:
            return
        following, loading = self._suggestions_next, self._loading_layer
        if following is not None and loading is not None:
            # Still reading: what starts further on comes from the store with the rest.
            read_already = [s for s in adding if s.start < following]
            if loading is self._suggestions:
                adding = read_already
            else:
                loading.update(gone, read_already)
        self._suggestions.update(gone, adding)
        self._current_suggestion = None
        self._follow_current_suggestion()
        self.viewport().update()

    def suggestion_at_caret(self) -> Suggestion | None:
        """The suggestion under the text cursor (the selection's start), if any."""
        if self._index is None or not len(self._suggestions):
            return None
        cursor = self.textCursor()
        start = self._to_codepoint(cursor.selectionStart())
        end = self._to_codepoint(cursor.selectionEnd()) if cursor.hasSelection() else None
        return self._suggestions.at(start, end)

    def _follow_current_suggestion(self) -> None:
        found = self.suggestion_at_caret()
        current = found.id if found is not None else None
        if current != self._current_suggestion:
            self._current_suggestion = current
            self.viewport().update()

    def visible_range(self) -> tuple[int, int]:
        """The code points of the blocks on screen, ``[start, end)``."""
        if self._index is None:
            return 0, 0
        block = self.firstVisibleBlock()
        start = block.position()
        offset = self.contentOffset()
        bottom = self.viewport().height()
        end = start
        while block.isValid():
            end = block.position() + block.length()
            if self.blockBoundingGeometry(block).translated(offset).bottom() > bottom:
                break
            block = block.next()
        return self._to_codepoint(start), self._to_codepoint(end)

    # ------------------------------------------------------------------ zoom

    def point_size(self) -> int:
        """The text size in points."""
        return self._font.pointSize()

    def set_point_size(self, size: int) -> None:
        """Set the text size (clamped to a readable range)."""
        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))
        if size == self._font.pointSize():
            return
        self._font.setPointSize(size)
        self.setFont(self._font)
        self.document().setDefaultFont(self._font)
        if self._show_labels:
            self._fit_margin(self.document())
        self.zoom_changed.emit(size)

    def zoom_by(self, steps: int) -> None:
        """Grow (positive) or shrink (negative) the text."""
        self.set_point_size(self._font.pointSize() + steps)
