"""Ctrl+F words highlighted in the open article, F3 / Shift+F3 between them; label tags."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from corpus.store import Store
from gui.article import HIT_COLOR
from gui.settings import Preferences
from gui.window import MainWindow
from tests.gui.test_tagging import select_text

# An emoji (two UTF-16 units) before words written with harakat and hamza.
TEXT = "😀 قَرَأَ الكِتَابَ ثم كتاب أُخْرَى\nوكِتَابُهُ جديد"


def _search(qtbot, window: MainWindow, words: str) -> None:
    qtbot.keyClick(window.article, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.corpus_panel.search.hasFocus()
    window.corpus_panel.search.setText(words)
    qtbot.keyClick(window.corpus_panel.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.article.hits) == 3)


def _hit_ranges_utf16(window: MainWindow) -> list[tuple[int, int]]:
    return [
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in window.article.extraSelections()
        if s.format.background().color() == HIT_COLOR
    ]


def test_search_words_are_highlighted_at_utf16_positions(qtbot, make_window, store: Store) -> None:
    doc_id = store.add_document(TEXT, "hits")
    window = make_window(store, doc_id)
    _search(qtbot, window, "كتاب")
    first = TEXT.index("كِتَابَ")
    second = TEXT.index("كتاب")
    third = TEXT.index("كِتَابُهُ")
    # Code points in the store: the bare query finds the words with harakat too, each
    # with the haraka on its last letter (كِتَابُ of كِتَابُهُ).
    assert window.article.hits == [(first, first + 7), (second, second + 4), (third, third + 7)]
    # Qt positions: every one is one unit further on, for the emoji's second half.
    assert _hit_ranges_utf16(window) == [
        (first + 1, first + 8),
        (second + 1, second + 5),
        (third + 1, third + 8),
    ]
    # The marks in the store are untouched.
    assert store.annotations(doc_id) == []


def test_f3_and_shift_f3_select_the_hits_in_turn_and_wrap(qtbot, make_window, store: Store) -> None:
    doc_id = store.add_document(TEXT, "hits")
    window = make_window(store, doc_id)
    _search(qtbot, window, "كِتاب")
    window.article.setFocus()
    hits = window.article.hits

    def selected() -> tuple[int, int] | None:
        return window.article.selected_range()

    def press(modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        qtbot.keyClick(window.article, Qt.Key.Key_F3, modifier)

    press()
    assert selected() == hits[0]
    assert window.statusBar().currentMessage() == "hit 1 of 3"
    # The Qt selection is in UTF-16: one past the code points, after the emoji.
    cursor = window.article.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (hits[0][0] + 1, hits[0][1] + 1)
    press()
    press()
    assert selected() == hits[2]
    assert window.statusBar().currentMessage() == "hit 3 of 3"
    press()
    assert selected() == hits[0]
    assert window.statusBar().currentMessage() == "hit 1 of 3"
    press(Qt.KeyboardModifier.ShiftModifier)
    assert selected() == hits[2]
    press(Qt.KeyboardModifier.ShiftModifier)
    assert selected() == hits[1]
    assert window.statusBar().currentMessage() == "hit 2 of 3"


def test_f3_without_hits_says_so(qtbot, make_window, store: Store) -> None:
    doc_id = store.add_document(TEXT, "hits")
    window = make_window(store, doc_id)
    qtbot.keyClick(window.article, Qt.Key.Key_F3)
    assert window.article.selected_range() is None
    assert "Ctrl+F" in window.statusBar().currentMessage()


def test_show_labels_draws_tags_and_is_remembered(
    qtbot, make_window, store: Store, prefs: Preferences, tmp_path: Path
) -> None:
    doc_id = store.add_document(TEXT, "tags")
    window = make_window(store, doc_id)
    select_text(window, "كتاب")
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    select_text(window, "جديد")
    qtbot.keyClick(window.article, Qt.Key.Key_2)
    assert len(store.annotations(doc_id)) == 2
    window.article.clear_text_selection()
    window.session.select("")
    action = window.show_labels_action
    assert not action.isChecked() and not window.article.show_labels

    def grab() -> QImage:
        window.article.viewport().repaint()
        return window.article.viewport().grab().toImage()

    without = grab()
    action.trigger()
    assert action.isChecked() and window.article.show_labels
    assert prefs.show_labels
    assert Preferences(prefs.path).show_labels  # written, read back from the file
    with_tags = grab()
    if os.environ.get("TAWSIM_SHOTS"):
        with_tags.save(str(Path(os.environ["TAWSIM_SHOTS"]) / "labels_on.png"))
        without.save(str(Path(os.environ["TAWSIM_SHOTS"]) / "labels_off.png"))
    assert with_tags.size() == without.size()
    changed = sum(
        with_tags.pixel(x, y) != without.pixel(x, y)
        for x in range(0, with_tags.width(), 2)
        for y in range(0, with_tags.height(), 2)
    )
    assert changed > 50
    action.trigger()
    assert not window.article.show_labels and not Preferences(prefs.path).show_labels
    assert grab() == without
