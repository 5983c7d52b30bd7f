"""Two windows on one database: each sees what the other does, and a stale edit is
refused in words."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from corpus.importers import import_paths
from corpus.model import Span
from corpus.store import Store
from gui.window import MainWindow
from tests.conftest import REPO
from tests.gui.test_tagging import select_text


@pytest.fixture
def two_stores(db_path: Path) -> Iterator[tuple[Store, Store, int]]:
    """Two connections to one database file holding the seed article."""
    first = Store.open(db_path)
    import_paths(first, [REPO / "seeds"], "txt")
    second = Store.open(db_path)
    yield first, second, first.document_ids()[0]
    first.close()
    second.close()


def _at(window: MainWindow, words: str) -> tuple[int, int]:
    span = _span_of(window, words)
    return span.start, span.end


def _span_of(window: MainWindow, words: str) -> Span:
    text = window.session.document.text
    at = text.index(words)
    return Span(at, at + len(words))


def test_each_window_shows_what_the_other_tagged_relabelled_and_deleted(
    qtbot, make_window, two_stores: tuple[Store, Store, int]
) -> None:
    store_a, store_b, doc_id = two_stores
    a = make_window(store_a, doc_id)
    b = make_window(store_b, doc_id)
    peskov = _span_of(a, "ديمتري بيسكوف")

    # B tags, A's marks and table follow within the poll.
    b.activateWindow()
    qtbot.waitUntil(b.isActiveWindow)
    b.article.setFocus()
    select_text(b, "ديمتري بيسكوف")
    qtbot.keyClick(b.article, Qt.Key.Key_1)
    (entity,) = store_b.annotations(doc_id)
    qtbot.waitUntil(lambda: a.session.annotation(entity.uuid) is not None, timeout=30_000)
    assert a.annotation_panel.index_of(entity.uuid).isValid()
    assert [m.uuid for m in a.article.index.marks_at(peskov.start)] == [entity.uuid]
    assert a.session.status() == "in_progress"

    # A selects it; B relabels it: A shows the new label and keeps its selection.
    a.session.select(entity.uuid)
    b.session.relabel(entity.uuid, "ORG")
    qtbot.waitUntil(lambda: a.session.annotation(entity.uuid).label == "ORG", timeout=30_000)
    assert a.session.selected == entity.uuid
    model = a.annotation_models["entity"]
    label_cell = model.index_of(entity.uuid).siblingAtColumn(model.COLUMN_LABEL)
    assert model.data(label_cell) == "Organisation"

    # B deletes it: A's mark, row and selection go.
    b.session.delete(entity.uuid)
    qtbot.waitUntil(lambda: a.session.annotation(entity.uuid) is None, timeout=30_000)
    assert a.session.selected == ""
    assert not a.annotation_panel.index_of(entity.uuid).isValid()
    assert a.article.index.marks_at(peskov.start) == []

    # B marks the document done: A's status and progress follow.
    assert b.session.set_status("done")
    qtbot.waitUntil(lambda: a.session.status() == "done", timeout=30_000)
    qtbot.waitUntil(lambda: a.corpus_panel.progress.value() == 1, timeout=30_000)
    assert a.corpus_panel.progress.text() == "1 of 1 done"


def test_an_edit_made_stale_by_the_other_window_is_refused_in_words(
    qtbot, make_window, two_stores: tuple[Store, Store, int]
) -> None:
    store_a, store_b, doc_id = two_stores
    a = make_window(store_a, doc_id)
    b = make_window(store_b, doc_id)
    a.session.stop_watching()  # A has not looked yet when its user acts
    a.activateWindow()
    qtbot.waitUntil(a.isActiveWindow)
    a.article.setFocus()
    start, end = select_text(a, "الكرملين")
    qtbot.keyClick(a.article, Qt.Key.Key_2)
    (kremlin,) = store_a.annotations(doc_id)
    # Its own edit, read back from the log, is nothing new to A.
    assert a.session.sync_with_store() == 0
    b.session.sync_with_store()
    assert b.session.relabel(kremlin.uuid, "GPE")
    # A undoes its tagging: that would delete what B has relabelled since.
    a.session.undo_stack().undo()
    message = a.statusBar().currentMessage()
    assert message == (
        "Not changed: this entity (\u2068الكرملين\u2069) was relabelled to GPE in another window."
    )
    assert kremlin.uuid not in message
    assert store_a.annotation(kremlin.uuid).label == "GPE"
    # The refusal brings the other window's change in at once.
    qtbot.waitUntil(lambda: a.session.annotation(kremlin.uuid).label == "GPE", timeout=30_000)

    b.session.delete(kremlin.uuid)
    a.session.relabel(kremlin.uuid, "LOC")
    assert a.statusBar().currentMessage() == (
        "Not changed: this entity (\u2068الكرملين\u2069) was deleted in another window."
    )
    assert store_a.annotations(doc_id) == []
    assert Span(start, end) == kremlin.span


def test_a_change_made_by_another_process_reaches_the_window(
    qtbot, make_window, two_stores: tuple[Store, Store, int], db_path: Path
) -> None:
    store_a, _store_b, doc_id = two_stores
    a = make_window(store_a, doc_id)
    kremlin = store_a.add_entity(doc_id, "layla", *_at(a, "الكرملين"), "ORG")
    a.session.sync_with_store()  # A's own store wrote it, past the session
    assert a.session.annotation(kremlin.uuid) is not None
    a.session.select(kremlin.uuid)
    code = (
        "import sys\n"
        "from corpus.store import Store\n"
        "with Store.open(sys.argv[1]) as store:\n"
        "    store.relabel(sys.argv[2], 'LOC')\n"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(db_path), kremlin.uuid],
        cwd=REPO,
        check=True,
        timeout=120,
    )
    qtbot.waitUntil(lambda: a.session.annotation(kremlin.uuid).label == "LOC", timeout=30_000)
    assert a.session.selected == kremlin.uuid
    model = a.annotation_models["entity"]
    assert model.data(model.index_of(kremlin.uuid).siblingAtColumn(1)) == "Location"
