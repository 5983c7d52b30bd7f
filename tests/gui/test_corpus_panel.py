"""The corpus panel: lazy document list, search, status filter, progress and keys."""

from __future__ import annotations

from PySide6.QtCore import Qt

from corpus.model import NewDocument
from corpus.store import Store
from gui.models import AnnotationTableModel, DocumentListModel, Role
from gui.window import MainWindow
from tests.gui.conftest import ANNOTATOR
from tests.gui.test_flows import tag
from tests.gui.test_tagging import select_text


def many_documents(store: Store, count: int) -> None:
    words = ("الكرملين", "الصين", "واشنطن", "بكين", "موسكو", "أوكرانيا", "طهران")
    store.add_documents(
        NewDocument(
            text=f"خبر رقم {i}: {words[i % len(words)]} و{words[(i * 3) % len(words)]}",
            title=f"خبر {i}",
            external_id=f"n{i}",
        )
        for i in range(count)
    )


def test_the_document_list_fetches_pages_on_demand_over_100000_documents(
    qtbot, make_window, store: Store
) -> None:
    many_documents(store, 100_000)
    assert store.count_documents() == 100_000
    window = make_window(store)
    model = window.documents
    assert model.total == 100_000
    # Only what the view showed was fetched, not a hundred thousand rows.
    assert 0 < model.rowCount() <= 2 * DocumentListModel.PAGE
    table = window.corpus_panel.table
    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > 2 * DocumentListModel.PAGE - 1)
    assert model.rowCount() <= 4 * DocumentListModel.PAGE
    first = model.index(0, 0)
    assert first.data(Role.DOCUMENT_ID) == store.list_documents(limit=1)[0].id
    row = model.rowCount() - 1
    assert model.index(row, 1).data() == f"خبر {row}"


def test_document_list_model_passes_the_model_tester(qtmodeltester, store: Store) -> None:
    many_documents(store, 450)
    model = DocumentListModel(store, ANNOTATOR)
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 450
    qtmodeltester.check(model, force_py=True)


def test_annotation_table_models_pass_the_model_tester(qtbot, qtmodeltester, seeded_window) -> None:
    window: MainWindow = seeded_window
    tag(qtbot, window, "ديمتري بيسكوف", Qt.Key.Key_1)
    tag(qtbot, window, "الكرملين", Qt.Key.Key_2)
    select_text(window, "العقوبات الأمريكية")
    qtbot.keyClick(window.article, Qt.Key.Key_Q)
    qtbot.keyClick(window.article, Qt.Key.Key_I)
    models = window.annotation_models
    assert all(isinstance(m, AnnotationTableModel) for m in models.values())
    assert [models[layer].rowCount() for layer in ("entity", "quote", "stance")] == [
        2,
        1,
        0,
    ]
    for model in models.values():
        qtmodeltester.check(model, force_py=True)
    tabs = window.annotation_panel.tabs
    assert [tabs.tabText(i) for i in range(3)] == [
        "Entities (2)",
        "Quotes (1)",
        "Stances (0)",
    ]


def test_search_uses_the_normalised_full_text_index(qtbot, make_window, store: Store) -> None:
    many_documents(store, 70)
    window = make_window(store)
    panel = window.corpus_panel
    qtbot.keyClick(window.article, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert panel.search.hasFocus()
    # Typed without hamza: the index folds أ/ا, so "اوكرانيا" finds "أوكرانيا".
    panel.search.setText("اوكرانيا")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    model = window.documents
    expected = store.count_documents(search="أوكرانيا")
    assert 0 < expected < 70
    assert model.total == expected
    while model.canFetchMore():
        model.fetchMore()
    for row in range(model.rowCount()):
        doc_id = model.index(row, 0).data(Role.DOCUMENT_ID)
        assert "أوكرانيا" in store.document(doc_id).text
    panel.search.clear()
    panel.apply_filter()
    assert model.total == 70


def test_mark_done_and_skipped_keys_move_on_and_show_progress(
    qtbot, make_window, store: Store
) -> None:
    many_documents(store, 5)
    ids = store.document_ids()
    window = make_window(store, ids[0])
    progress = window.corpus_panel.progress
    assert (progress.value(), progress.maximum()) == (0, 5)
    qtbot.keyClick(window.article, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert store.status(ids[0], ANNOTATOR) == "done"
    assert window.session.document.id == ids[1]
    assert progress.value() == 1
    assert "1" in progress.text()
    qtbot.keyClick(window.article, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert store.status(ids[1], ANNOTATOR) == "skipped"
    assert window.session.document.id == ids[2]
    model = window.documents
    assert model.index(0, 2).data(Role.STATUS) == "done"
    assert model.index(1, 2).data(Role.STATUS) == "skipped"
    # The status filter lists this annotator's done documents only.
    panel = window.corpus_panel
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("done"))
    assert model.total == 1
    assert model.index(0, 0).data(Role.DOCUMENT_ID) == ids[0]
    # Previous / next by key; the first document has no previous one.
    panel.status_filter.setCurrentIndex(0)
    qtbot.keyClick(window.article, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document.id == ids[1]
    qtbot.keyClick(window.article, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.article, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document.id == ids[0]
    assert "first" in window.statusBar().currentMessage()


def test_a_first_edit_moves_the_document_to_in_progress(qtbot, seeded_window: MainWindow) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    assert window.documents.index(0, 2).data(Role.STATUS) == "todo"
    tag(qtbot, window, "ديمتري بيسكوف", Qt.Key.Key_1)
    assert store.status(doc_id, ANNOTATOR) == "in_progress"
    assert window.documents.index(0, 2).data(Role.STATUS) == "in_progress"
    assert "in progress" in window.status_label.text()


def test_clicking_a_row_opens_its_document(qtbot, make_window, store: Store) -> None:
    many_documents(store, 3)
    ids = store.document_ids()
    window = make_window(store, ids[0])
    table = window.corpus_panel.table
    rect = table.visualRect(window.documents.index(2, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.session.document.id == ids[2]
    assert window.article.toPlainText() == store.document(ids[2]).text
