"""Counting the documents a filter matches in the background, on a database file."""

from __future__ import annotations

from pathlib import Path

from corpus.store import Store
from gui.models import DocumentListModel
from gui.window import MainWindow
from tests.gui.conftest import ANNOTATOR
from tests.gui.test_corpus_panel import many_documents

PAGE = DocumentListModel.PAGE
DOCUMENTS = 10 * PAGE + 50


def file_store(path: Path) -> Store:
    store = Store.open(path)
    store.add_annotator(ANNOTATOR)
    many_documents(store, DOCUMENTS)
    return store


def test_the_count_comes_from_a_worker_and_pages_are_fetched_meanwhile(
    qtbot, db_path: Path
) -> None:
    store = file_store(db_path)
    model = DocumentListModel(store, ANNOTATOR)
    totals: list[int] = []
    model.total_changed.connect(totals.append)
    # The first page is there at once; the count is not, so far.
    assert model.total is None
    assert model.rowCount() == PAGE
    assert model.canFetchMore()
    qtbot.waitUntil(lambda: model.total is not None)
    assert model.total == DOCUMENTS
    assert totals == [DOCUMENTS]

    # Pages follow while the next count runs: fetching stops at the last one.
    model.set_filter("الصين", None)
    expected = store.count_documents(search="الصين")
    assert PAGE < expected < DOCUMENTS
    assert model.total is None
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == expected
    model.wait_for_count()
    assert model.total == expected

    # A filter whose first page is not full needs no count.
    model.set_filter("الصين", "done")
    assert model.total == 0
    assert not model.canFetchMore()
    store.close()


def test_only_the_latest_filter_gets_a_total(qtbot, db_path: Path) -> None:
    store = file_store(db_path)
    model = DocumentListModel(store, ANNOTATOR)
    model.wait_for_count()
    totals: list[int] = []
    model.total_changed.connect(totals.append)
    # Typed one after the other: counts of the first filters never show, and
    # only one count runs at a time (the one in between is never started).
    model.set_filter("رقم", None)
    model.set_filter("موسكو", None)
    model.set_filter("أوكرانيا", None)
    assert len(DocumentListModel._counting) == 1
    model.wait_for_count()
    expected = store.count_documents(search="أوكرانيا")
    assert PAGE < expected < store.count_documents(search="رقم") == DOCUMENTS
    assert totals == [expected]
    assert model.total == expected
    store.close()


def test_closing_the_window_while_counting_waits_for_the_count(
    qtbot, make_window, db_path: Path
) -> None:
    store = file_store(db_path)
    window: MainWindow = make_window(store)
    window.corpus_panel.search.setText("موسكو")
    window.corpus_panel.apply_filter()
    model = window.documents
    assert model.search == "موسكو"
    window.close()
    assert model.total == store.count_documents(search="موسكو")
    store.close()
