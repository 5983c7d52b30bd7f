"""What the article view shows: direction, alignment, joining, marks, colours."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextLayout, QTextOption

from corpus.store import Store
from gui.marks import QUOTE_COLOR
from gui.window import MainWindow
from tests.gui.test_tagging import select_text


def formats_at(window: MainWindow, block_number: int, utf16_in_block: int) -> list[QTextCharFormat]:
    """The formats the view applies at one position of a block (laid out first)."""
    view = window.article
    block = view.document().findBlockByNumber(block_number)
    cursor = QTextCursor(block)
    view.setTextCursor(cursor)
    view.centerCursor()
    view.viewport().repaint()
    return [
        QTextCharFormat(r.format)
        for r in block.layout().formats()
        if r.start <= utf16_in_block < r.start + r.length
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_block_is_right_to_left_and_right_aligned(
    make_window, seeded: tuple[Store, int], language: str
) -> None:
    store, doc_id = seeded
    window = make_window(store, doc_id, language=language)
    view = window.article
    width = view.viewport().width()
    block = view.document().firstBlock()
    checked = 0
    while block.isValid():
        option = block.layout().textOption()
        assert option.textDirection() == Qt.LayoutDirection.RightToLeft
        assert option.alignment() & Qt.AlignmentFlag.AlignRight
        assert option.alignment() & Qt.AlignmentFlag.AlignAbsolute
        layout = view.document().documentLayout()
        if block.text().strip():
            layout.blockBoundingRect(block)  # lays the block out
            for i in range(block.layout().lineCount()):
                line = block.layout().lineAt(i)
                # Each line's text ends at its line's right edge; lines span the view.
                assert abs(line.naturalTextRect().right() - (line.x() + line.width())) < 4
                assert line.width() > width * 0.9
            checked += 1
        block = block.next()
    assert checked >= 14


def test_mixed_latin_and_digits_keep_their_reading_order(make_window, store: Store) -> None:
    text = "قال مسؤول في NATO إن 120 جنديا وصلوا"
    doc_id = store.add_document(text, "mixed")
    window = make_window(store, doc_id)
    view = window.article
    block = view.document().firstBlock()
    view.document().documentLayout().blockBoundingRect(block)
    line = block.layout().lineAt(0)

    def x(position: int) -> float:
        return line.cursorToX(position)[0]

    # Arabic runs right to left: the first word is the rightmost.
    assert x(text.index("قال") + 1) > x(text.index("مسؤول") + 1) > x(text.index("إن") + 1)
    # Latin letters and digits inside keep left-to-right order within themselves...
    nato, digits = text.index("NATO"), text.index("120")
    assert x(nato + 1) < x(nato + 2) < x(nato + 3)
    assert x(digits + 1) < x(digits + 2)
    # ... and sit where an Arabic reader expects them: NATO after في, 120 after إن.
    assert x(nato + 2) < x(text.index("في") + 1)
    assert x(digits + 1) < x(text.index("إن") + 1)


def glyphs(layout: QTextLayout) -> Counter[int]:
    """The glyphs a laid-out text is drawn with (joined letters have their own)."""
    found: Counter[int] = Counter()
    for i in range(layout.lineCount()):
        for run in layout.lineAt(i).glyphRuns():
            found.update(run.glyphIndexes())
    return found


def test_a_mark_inside_a_word_does_not_break_the_joining_of_its_letters(
    qtbot, make_window, store: Store
) -> None:
    text = "دعوة واشنطن لبكين لإنهاء علاقاتها"
    doc_id = store.add_document(text, "join")
    window = make_window(store, doc_id)
    select_text(window, "بكي")
    qtbot.keyClick(window.article, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    (entity,) = store.annotations(doc_id)
    assert text[entity.span.start : entity.span.end] == "بكي"
    view = window.article
    block = view.document().firstBlock()
    view.document().documentLayout().blockBoundingRect(block)
    marked = block.layout()
    assert [(r.start, r.length) for r in marked.formats()] == [(entity.span.start, 3)]

    plain = QTextLayout(text, view.document().defaultFont())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    plain.setTextOption(option)
    plain.beginLayout()
    plain.createLine().setLineWidth(10_000)
    plain.endLayout()
    # The same glyphs (joined forms) with and without the mark in the middle of لبكين.
    assert glyphs(marked) == glyphs(plain)
    # Had the mark cut the word, ب ك ي would be drawn in their unjoined forms.
    isolated = QTextLayout("ب ك ي", view.document().defaultFont())
    isolated.beginLayout()
    isolated.createLine().setLineWidth(10_000)
    isolated.endLayout()
    assert set(glyphs(isolated)) - set(glyphs(marked))


def test_entity_colours_come_from_the_schema_and_quotes_stay_visible_around_entities(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store = window.session.store
    schema = store.schema
    start, _ = select_text(window, "ديمتري بيسكوف")
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    content = select_text(window, "وقال ديمتري بيسكوف المتحدث باسم الكرملين")
    qtbot.keyClick(window.article, Qt.Key.Key_Q)
    qtbot.keyClick(window.article, Qt.Key.Key_I)
    index = window.article.index
    block = index.block_of(start)
    block_start = index.block_range(block)[0]
    inside = formats_at(window, block, start - block_start + 1)
    assert len(inside) == 1
    person = QColor(schema.entity("PER").color)
    assert inside[0].background().color() == person
    # The quote's mark (colour and underline) is on the entity's letters too.
    assert inside[0].foreground().color() == QColor(QUOTE_COLOR)
    assert inside[0].underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline
    outside = formats_at(window, block, content[0] - block_start + 1)
    assert outside[0].foreground().color() == QColor(QUOTE_COLOR)
    assert outside[0].background().style() == Qt.BrushStyle.NoBrush


def test_stance_evidence_is_a_wavy_underline_in_the_polarity_colour(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    schema = window.session.store.schema
    evidence = select_text(window, "أعربت الصين عن قلقها")
    qtbot.keyClick(window.article, Qt.Key.Key_S)
    select_text(window, "الصين", occurrence=7)
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    select_text(window, "الحرب الروسية")
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    qtbot.keyClick(window.article, Qt.Key.Key_N)
    index = window.article.index
    block = index.block_of(evidence[0])
    (fmt,) = formats_at(window, block, evidence[0] - index.block_range(block)[0])
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert fmt.underlineColor() == QColor(schema.polarities[2].color)


def test_only_the_blocks_on_screen_are_formatted_until_scrolled_to(
    qtbot, make_window, store: Store
) -> None:
    paragraphs = [
        f"قال ديمتري بيسكوف في الفقرة {i} إن العلاقات مع الصين جيدة." for i in range(2000)
    ]
    text = "\n".join(paragraphs)
    doc_id = store.add_document(text, "long")
    at = 0
    for _ in range(2000):
        at = text.index("ديمتري بيسكوف", at)
        store.add_entity(doc_id, "layla", at, at + len("ديمتري بيسكوف"), "PER")
        at += 1
    window = make_window(store, doc_id)
    view = window.article
    highlighter = view.highlighter
    assert 0 < highlighter.blocks_highlighted < 100
    last = view.document().lastBlock()
    assert last.layout().formats() == []
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.viewport().repaint()
    assert [(r.start, r.length) for r in last.layout().formats()] == [(4, 13)]
    assert highlighter.blocks_highlighted < 200


def test_text_size_follows_ctrl_plus_and_minus_and_is_remembered(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    size = window.article.point_size()
    qtbot.keyClick(window.article, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.article, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.article.point_size() == size + 2
    assert window.article.document().defaultFont().pointSize() == size + 2
    qtbot.keyClick(window.article, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.article.point_size() == size + 1
    assert window.prefs.point_size == size + 1


def test_marks_are_drawn_over_the_right_letters_after_an_astral_character(
    qtbot, make_window, store: Store
) -> None:
    text = "خبر 😀 عاجل\nقال 🇷🇺 ديمتري بيسكوف"
    doc_id = store.add_document(text, "astral")
    at = text.index("ديمتري")
    store.add_entity(doc_id, "layla", at, at + len("ديمتري بيسكوف"), "PER")
    window = make_window(store, doc_id)
    block = window.article.document().findBlockByNumber(1)
    (mark,) = block.layout().formats()
    units = block.text().encode("utf-16-le")
    assert units[2 * mark.start : 2 * (mark.start + mark.length)].decode("utf-16-le") == (
        "ديمتري بيسكوف"
    )
    (entity,) = window.article.index.marks_at(at)
    assert (entity.start, entity.end) == (at, at + len("ديمتري بيسكوف"))
