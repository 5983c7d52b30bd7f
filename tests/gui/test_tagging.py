"""Tagging by keyboard in the real window: entities, relabel, delete, snapping."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractItemDelegate, QComboBox

from corpus.model import Entity, Span
from gui.window import MainWindow
from tests.gui.conftest import ANNOTATOR


def select_text(window: MainWindow, words: str, occurrence: int = 0) -> tuple[int, int]:
    """Select ``words`` in the article with the text cursor (UTF-16 positions, as Qt has
    them); returns the code-point span they cover in the stored text."""
    document = window.session.document
    assert document is not None
    at = -1
    for _ in range(occurrence + 1):
        at = document.text.index(words, at + 1)
    before = document.text[:at]
    utf16_start = len(before.encode("utf-16-le")) // 2
    utf16_end = utf16_start + len(words.encode("utf-16-le")) // 2
    cursor = QTextCursor(window.article.document())
    cursor.setPosition(utf16_start)
    cursor.setPosition(utf16_end, QTextCursor.MoveMode.KeepAnchor)
    window.article.setTextCursor(cursor)
    return at, at + len(words)


def test_selecting_peskov_and_pressing_the_per_key_stores_exactly_that_span(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    start, end = select_text(window, "ديمتري بيسكوف")
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    stored = store.annotations(doc_id)
    assert len(stored) == 1
    entity = stored[0]
    assert isinstance(entity, Entity)
    assert (entity.span, entity.label, entity.annotator) == (
        Span(start, end),
        "PER",
        ANNOTATOR,
    )
    assert store.document(doc_id).text[start:end] == "ديمتري بيسكوف"
    assert window.session.selected == entity.uuid
    assert window.annotation_panel.index_of(entity.uuid).isValid()


def test_a_partial_selection_snaps_to_whole_words_and_alt_keeps_exact_characters(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    text = window.session.document.text
    start, end = select_text(window, "يمتري بيسك")
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    (snapped,) = store.annotations(doc_id)
    assert text[snapped.span.start : snapped.span.end] == "ديمتري بيسكوف"

    start, end = select_text(window, "الكرملين", occurrence=1)
    qtbot.keyClick(window.article, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    exact = [a for a in store.annotations(doc_id) if a.label == "ORG"]
    assert [a.span for a in exact] == [Span(start, end)]
    select_text(window, "لكرملي", occurrence=2)
    qtbot.keyClick(window.article, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    inner = [a for a in store.annotations(doc_id) if a.label == "ORG"][-1]
    assert text[inner.span.start : inner.span.end] == "لكرملي"


def test_a_key_relabels_the_selected_annotation_and_delete_removes_it(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    select_text(window, "بكين")
    qtbot.keyClick(window.article, Qt.Key.Key_4)
    (entity,) = store.annotations(doc_id)
    assert entity.label == "LOC"
    assert not window.article.textCursor().hasSelection()
    qtbot.keyClick(window.article, Qt.Key.Key_3)
    (relabelled,) = store.annotations(doc_id)
    assert (relabelled.uuid, relabelled.label) == (entity.uuid, "GPE")
    qtbot.keyClick(window.article, Qt.Key.Key_Delete)
    assert store.annotations(doc_id) == []
    assert window.session.selected == ""


def test_tagging_the_same_words_again_changes_the_label_instead_of_doubling(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    select_text(window, "الصين")
    qtbot.keyClick(window.article, Qt.Key.Key_4)
    select_text(window, "الصين")
    qtbot.keyClick(window.article, Qt.Key.Key_3)
    assert [(a.label, a.span) for a in store.annotations(doc_id)] == [
        ("GPE", Span(*_find(window, "الصين")))
    ]


def _find(window: MainWindow, words: str) -> tuple[int, int]:
    text = window.session.document.text
    at = text.index(words)
    return at, at + len(words)


def test_an_emoji_before_the_selection_shifts_qt_positions_but_not_stored_offsets(
    qtbot, make_window, store
) -> None:
    text = "🇪🇬 خبر 😀: قال ديمتري بيسكوف 𝐀 إن العلاقات جيدة"  # noqa: RUF001
    doc_id = store.add_document(text, "emoji")
    window = make_window(store, doc_id)
    start, end = select_text(window, "ديمتري بيسكوف")
    cursor = window.article.textCursor()
    assert cursor.selectionStart() == start + 3  # three astral characters before it
    assert window.article.selected_range() == (start, end)
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    (entity,) = store.annotations(doc_id)
    assert entity.span == Span(start, end)
    assert text[entity.span.start : entity.span.end] == "ديمتري بيسكوف"
    # The mark is drawn over the same UTF-16 stretch Qt selected.
    index = window.article.index
    segments = index.segments(0)
    assert [(s, n) for s, n, _ in segments] == [(start + 3, end - start)]
    select_text(window, "العلاقات")
    qtbot.keyClick(window.article, Qt.Key.Key_2)
    second = next(a for a in store.annotations(doc_id) if a.label == "ORG")
    assert text[second.span.start : second.span.end] == "العلاقات"


def _point_of(window: MainWindow, offset: int):
    """A viewport point inside the character at code point ``offset``."""
    view = window.article
    before = window.session.document.text[:offset]
    position = len(before.encode("utf-16-le")) // 2
    left = QTextCursor(view.document())
    left.setPosition(position)
    right = QTextCursor(view.document())
    right.setPosition(position + 1)
    a, b = view.cursorRect(left), view.cursorRect(right)
    return QPoint((a.center().x() + b.center().x()) // 2, a.center().y())


def test_clicking_a_mark_selects_its_annotation_and_hovering_names_it(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    start, end = select_text(window, "ديمتري بيسكوف")
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    select_text(window, "الكرملين")
    qtbot.keyClick(window.article, Qt.Key.Key_2)
    peskov = window.session.entity_with_span(Span(start, end))
    assert window.session.selected != peskov.uuid
    point = _point_of(window, start + 2)
    assert window.article.char_at(point) == start + 2
    qtbot.mouseClick(window.article.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.session.selected == peskov.uuid
    tip = window.article.describe_marks_at(point)
    assert "PER" in tip
    assert "Person" in tip
    assert "layla" in tip
    # The list follows the selection.
    current = window.annotation_panel.tables["entity"].currentIndex()
    assert current.siblingAtColumn(0) == window.annotation_panel.index_of(peskov.uuid)


def test_choosing_a_row_in_the_side_panel_scrolls_to_and_emphasises_the_span(
    qtbot, make_window, store
) -> None:
    paragraphs = [f"فقرة رقم {i} عن العلاقات بين البلدين." for i in range(300)]
    paragraphs[280] = "وقال ديمتري بيسكوف إن العلاقات جيدة."
    text = "\n".join(paragraphs)
    doc_id = store.add_document(text, "long")
    at = text.index("ديمتري بيسكوف")
    far = store.add_entity(doc_id, "layla", at, at + len("ديمتري بيسكوف"), "PER")
    window = make_window(store, doc_id)
    view = window.article
    assert view.verticalScrollBar().value() == 0
    index = window.annotation_panel.index_of(far.uuid)
    window.annotation_panel.tables["entity"].setCurrentIndex(index)
    assert window.session.selected == far.uuid
    assert view.verticalScrollBar().value() > 0
    cursor = QTextCursor(view.document())
    cursor.setPosition(at)
    assert view.viewport().rect().contains(view.cursorRect(cursor))
    (emphasis,) = view.extraSelections()
    assert (emphasis.cursor.selectionStart(), emphasis.cursor.selectionEnd()) == (
        at,
        at + len("ديمتري بيسكوف"),
    )


def test_a_label_edited_in_place_in_the_side_panel_is_stored(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    select_text(window, "واشنطن")
    qtbot.keyClick(window.article, Qt.Key.Key_4)
    (entity,) = store.annotations(doc_id)
    model = window.annotation_models["entity"]
    label_cell = model.index_of(entity.uuid).siblingAtColumn(model.COLUMN_LABEL)
    tree = window.annotation_panel.tables["entity"]
    tree.setCurrentIndex(label_cell)
    tree.edit(label_cell)
    editor = tree.indexWidget(label_cell) or tree.focusWidget()
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findData("GPE"))
    tree.commitData(editor)
    tree.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    (relabelled,) = store.annotations(doc_id)
    assert (relabelled.uuid, relabelled.label) == (entity.uuid, "GPE")
    assert model.data(model.index_of(entity.uuid).siblingAtColumn(1)) == "Geo-political entity"
