"""Never edit the wrong annotation: what stays selected, what a click or a key does."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from corpus.model import Entity, Span
from gui.window import MainWindow
from tests.gui.test_tagging import _point_of, select_text


def _tag(qtbot, window: MainWindow, words: str, key: Qt.Key, occurrence: int = 0) -> Entity:
    start, end = select_text(window, words, occurrence)
    qtbot.keyClick(window.article, key)
    entity = window.session.entity_with_span(Span(start, end))
    assert entity is not None
    return entity


def _click(qtbot, window: MainWindow, offset: int) -> None:
    qtbot.mouseClick(
        window.article.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(window, offset)
    )


def test_a_relabelled_entity_stays_selected_so_the_next_key_relabels_it_again(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store = window.session.store
    _tag(qtbot, window, "الكرملين", Qt.Key.Key_2)
    _tag(qtbot, window, "ديمتري بيسكوف", Qt.Key.Key_1)
    # The first two are inside other words (باتروشيف); the third is the name.
    xi = _tag(qtbot, window, "شي", Qt.Key.Key_1, occurrence=2)
    putin = _tag(qtbot, window, "بوتين", Qt.Key.Key_1)
    assert window.session.document.text[xi.span.start : xi.span.end] == "شي"
    _click(qtbot, window, xi.span.start + 1)
    assert window.session.selected == xi.uuid

    qtbot.keyClick(window.article, Qt.Key.Key_6)
    assert window.session.selected == xi.uuid
    table = window.annotation_panel.tables["entity"]
    assert table.currentIndex().siblingAtColumn(0) == window.annotation_panel.index_of(xi.uuid)
    assert table.selectionModel().isRowSelected(table.currentIndex().row())

    qtbot.keyClick(window.article, Qt.Key.Key_1)
    assert store.annotation(xi.uuid).label == "PER"
    assert store.annotation(putin.uuid).label == "PER"
    assert window.session.selected == xi.uuid
    # The MISC step in between really happened: it is on the undo stack.
    assert window.session.undo_stack().count() == 6


def test_a_click_outside_every_mark_deselects_and_a_digit_then_changes_nothing(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    peskov = _tag(qtbot, window, "ديمتري بيسكوف", Qt.Key.Key_1)
    assert window.session.selected == peskov.uuid
    text = window.session.document.text
    _click(qtbot, window, text.index("المتحدث") + 2)
    assert window.session.selected == ""
    assert window.annotation_panel.tables["entity"].selectionModel().selectedRows() == []
    assert window.article.extraSelections() == []
    window.statusBar().clearMessage()

    qtbot.keyClick(window.article, Qt.Key.Key_3)
    assert store.annotations(doc_id) == [peskov]
    assert window.statusBar().currentMessage() == "Select some words first."


def _press_in(window: MainWindow, qtbot, key: Qt.Key, times: int) -> None:
    for _ in range(times):
        qtbot.keyClick(window.article, key, Qt.KeyboardModifier.ShiftModifier)


def test_a_keyboard_selection_is_stored_exactly_as_selected(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    text = window.session.document.text
    inside = text.index("لبكين") + 1  # after the clitic ل, before ب
    cursor = window.article.textCursor()
    cursor.setPosition(inside)  # nothing astral before it: UTF-16 = code points
    window.article.setTextCursor(cursor)
    # Right to left: the left arrow moves forward through the text.
    _press_in(window, qtbot, Qt.Key.Key_Left, 4)
    assert window.article.selected_range() == (inside, inside + 4)
    qtbot.keyClick(window.article, Qt.Key.Key_3)
    (entity,) = store.annotations(doc_id)
    assert entity.span == Span(inside, inside + 4)
    assert text[entity.span.start : entity.span.end] == "بكين"


def _drag(qtbot, window: MainWindow, start: int, end: int) -> None:
    """Select from ``start`` to ``end`` (code points) by dragging the mouse."""
    viewport = window.article.viewport()
    a, b = _point_of(window, start), _point_of(window, end)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=a)
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(b),
        QPointF(viewport.mapToGlobal(b)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, move)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=b)


def test_a_mouse_selection_still_snaps_to_the_whole_word_after_a_keyboard_one(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    text = window.session.document.text
    inside = text.index("لبكين") + 1
    cursor = window.article.textCursor()
    cursor.setPosition(inside)
    window.article.setTextCursor(cursor)
    _press_in(window, qtbot, Qt.Key.Key_Left, 2)
    assert window.article.selection_is_exact()
    washington = text.index("واشنطن")
    _drag(qtbot, window, washington + 1, washington + 4)
    selected = window.article.selected_range()
    assert selected is not None and washington < selected[1] <= washington + 6
    assert not window.article.selection_is_exact()
    qtbot.keyClick(window.article, Qt.Key.Key_3)
    (entity,) = store.annotations(doc_id)
    assert text[entity.span.start : entity.span.end] == "واشنطن"


def test_after_a_delete_nothing_is_selected_so_a_second_delete_removes_nothing(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    first = _tag(qtbot, window, "الكرملين", Qt.Key.Key_2)
    second = _tag(qtbot, window, "ديمتري بيسكوف", Qt.Key.Key_1)
    third = _tag(qtbot, window, "بكين", Qt.Key.Key_3)
    _click(qtbot, window, second.span.start + 1)
    qtbot.keyClick(window.article, Qt.Key.Key_Delete)
    assert window.session.selected == ""
    qtbot.keyClick(window.article, Qt.Key.Key_Delete)
    assert {a.uuid for a in store.annotations(doc_id)} == {first.uuid, third.uuid}


def test_words_selected_with_ctrl_shift_arrows_are_stored_without_the_space_after(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    text = window.session.document.text
    at = text.index("ديمتري بيسكوف")
    cursor = window.article.textCursor()
    cursor.setPosition(at)
    window.article.setTextCursor(cursor)
    both = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for _ in range(2):
        qtbot.keyClick(window.article, Qt.Key.Key_Left, both)
    selected = window.article.selected_range()
    assert selected is not None and text[selected[1] - 1] == " "  # Qt took the space
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    (entity,) = store.annotations(doc_id)
    assert text[entity.span.start : entity.span.end] == "ديمتري بيسكوف"
