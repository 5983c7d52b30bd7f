"""Corpus search for الصين lists a document that only has بالصين, and the article shows it."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt

from corpus.store import Store
from gui.article import HIT_COLOR
from gui.models import Role

# An emoji first (two UTF-16 units): the hits are checked in Qt positions too.
ONLY_BI = "😀 عقد الاجتماع بالصين ثم سافر الوفد للصين وعاد"
OTHER = "هطلت الأمطار على الرياض"
ADJECTIVE = "تحدث باللغة الصينية"


def test_corpus_search_lists_and_highlights_clitic_joined_mentions(
    qtbot, make_window, store: Store
) -> None:
    store.add_document(OTHER, "other")
    wanted = store.add_document(ONLY_BI, "china")
    store.add_document(ADJECTIVE, "adjective")
    window = make_window(store)
    panel = window.corpus_panel
    qtbot.keyClick(window.article, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel.search.setText("الصين")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    model = window.documents
    qtbot.waitUntil(lambda: model.total == 1)
    assert model.rowCount() == 1
    assert model.index(0, 0).data(Role.DOCUMENT_ID) == wanted

    # Picking it in the list opens it with the search words highlighted.
    panel.table.setFocus()
    panel.table.selectRow(0)
    qtbot.waitUntil(lambda: window.session.document is not None)
    assert window.session.document is not None and window.session.document.id == wanted
    qtbot.waitUntil(lambda: len(window.article.hits) == 2)
    bi = ONLY_BI.index("بالصين") + 1  # الصين of بالصين
    lil = ONLY_BI.index("للصين") + 1  # لصين of للصين: the stem as ANERcorp stores it
    assert window.article.hits == [(bi, bi + 5), (lil, lil + 4)]
    assert [ONLY_BI[a:b] for a, b in window.article.hits] == ["الصين", "لصين"]
    shown = [
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in window.article.extraSelections()
        if s.format.background().color() == HIT_COLOR
    ]
    # Qt counts the emoji as two units: every hit one position further on.
    assert shown == [(bi + 1, bi + 6), (lil + 1, lil + 5)]


def test_a_reindex_stopped_half_way_is_finished_in_the_background(
    qtbot, qapp, tmp_path, prefs, font_family
) -> None:
    """Opening a database whose `tawsim reindex` stopped: the window finishes it on a
    worker thread, with progress in the status bar; search answers all along."""
    from corpus.store import Batching
    from gui.app import AnnotatorApp
    from gui.fonts import ArabicFont
    from gui.session import AnnotationSession
    from tests.core.test_search_index import expected, full_index_database

    db = tmp_path / "old.db"
    full_index_database(db, 60)

    class Stop(Exception):
        pass

    def stop_at_ten(done: int, _total: int) -> None:
        if done >= 10:
            raise Stop

    with Store.open(db) as half:
        with contextlib.suppress(Stop):
            half.reindex(progress=stop_at_ten, batching=Batching(documents=5, pause_seconds=0))
        assert half.search_index()["reindex_pending"] == 50
    store = Store.open(db)
    try:
        session = AnnotationSession(store, prefs.annotator)
        controller = AnnotatorApp(qapp, session, prefs, ArabicFont(font_family), [])
        window = controller.window
        qtbot.addWidget(window)
        # Search works while the rest moves: both indexes answer.
        assert [r.id for r in store.list_documents(search="الصين")] == expected(60, "الصين")
        qtbot.waitUntil(lambda: store.search_index()["reindex_pending"] == 0, timeout=30_000)
        window.wait_for_tasks()
        qtbot.waitUntil(lambda: "rebuilt" in window.statusBar().currentMessage())
        assert "50" in window.statusBar().currentMessage()
        assert store.search_index() == {"detail": "none", "reindex_pending": 0}
        assert [r.id for r in store.list_documents(search="الصين")] == expected(60, "الصين")
        assert store.check() == []
    finally:
        store.close()
