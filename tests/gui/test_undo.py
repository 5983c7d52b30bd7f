"""Undo and redo restore the store exactly, across documents and restarts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from corpus.model import Quote, Ref, Span, annotation_to_json
from corpus.store import Store
from gui.window import MainWindow
from tests.gui.test_flows import PUTIN_QUOTE, tag
from tests.gui.test_tagging import select_text


def snapshot(store: Store, doc_id: int) -> list[dict[str, Any]]:
    """Everything stored about the document's annotations but the update time."""
    rows = []
    for ann in store.annotations(doc_id):
        data = annotation_to_json(ann)
        data.pop("updated_at")
        rows.append(data)
    return sorted(rows, key=lambda d: d["uuid"])


def undo(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def redo(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(
        window.article,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def test_undo_and_redo_walk_the_store_through_every_state_exactly(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    states = [snapshot(store, doc_id)]

    putin = tag(qtbot, window, "بوتين", Qt.Key.Key_1, occurrence=1)
    states.append(snapshot(store, doc_id))
    qtbot.keyClick(window.article, Qt.Key.Key_6)  # relabel the selected entity
    states.append(snapshot(store, doc_id))
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    states.append(snapshot(store, doc_id))
    select_text(window, PUTIN_QUOTE)
    qtbot.keyClick(window.article, Qt.Key.Key_Q)
    select_text(window, "بوتين", occurrence=1)
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    qtbot.keyClick(window.article, Qt.Key.Key_D)
    states.append(snapshot(store, doc_id))
    (quote,) = store.annotations(doc_id, layer="quote")
    assert quote.speaker == Ref(putin.uuid)
    # Deleting the speaker keeps the quote, pointing at the speaker's words instead.
    window.session.select(putin.uuid)
    qtbot.keyClick(window.article, Qt.Key.Key_Delete)
    states.append(snapshot(store, doc_id))
    (orphan,) = store.annotations(doc_id)
    assert isinstance(orphan, Quote)
    assert orphan.speaker == putin.span
    assert len(states) == 6

    for expected in reversed(states[:-1]):
        undo(qtbot, window)
        assert snapshot(store, doc_id) == expected
    assert not window.session.undo_stack().canUndo()
    for expected in states[1:]:
        redo(qtbot, window)
        assert snapshot(store, doc_id) == expected
    # What the window shows follows the store.
    assert len(window.article.index) == len(store.annotations(doc_id))
    assert store.check() == []


def test_undo_history_survives_switching_documents(qtbot, make_window, store: Store) -> None:
    first = store.add_document("قال ديمتري بيسكوف إن العلاقات جيدة", "one")
    second = store.add_document("زار الرئيس فلاديمير بوتين الصين", "two")
    window = make_window(store, first)
    tag(qtbot, window, "ديمتري بيسكوف", Qt.Key.Key_1)
    qtbot.keyClick(window.article, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document.id == second
    tag(qtbot, window, "فلاديمير بوتين", Qt.Key.Key_1)
    tag(qtbot, window, "الصين", Qt.Key.Key_3)
    qtbot.keyClick(window.article, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document.id == first
    undo(qtbot, window)
    assert store.annotations(first) == []
    assert len(store.annotations(second)) == 2
    qtbot.keyClick(window.article, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    undo(qtbot, window)
    assert [a.label for a in store.annotations(second)] == ["PER"]
    redo(qtbot, window)
    assert sorted(a.label for a in store.annotations(second)) == ["GPE", "PER"]
    assert len(window.article.index) == 2


def test_edits_are_on_disk_at_once_and_shown_again_after_a_restart(
    qtbot, make_window, db_path, seed_text
) -> None:
    store = Store.open(db_path)
    doc_id = store.add_document(seed_text, "seed")
    window = make_window(store, doc_id)
    start, end = select_text(window, "ديمتري بيسكوف")
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    # Another connection sees the label before anything is closed or saved.
    with Store.open(db_path) as other:
        assert [a.span for a in other.annotations(doc_id)] == [Span(start, end)]
    window.close()
    store.close()
    reopened = Store.open(db_path)
    again = make_window(reopened, doc_id)
    assert [a.span for a in again.session.annotations()] == [Span(start, end)]
    assert len(again.article.index) == 1
    assert again.annotation_models["entity"].rowCount() == 1
    reopened.close()
