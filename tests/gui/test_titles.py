"""The document's title over its article: shown for a JSONL headline, not repeated for a
plain-text article whose first line it is."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt

from corpus.importers import import_paths
from corpus.store import Store
from gui.window import MainWindow

HEADLINE = "الكرملين: العقوبات على الصين كان لها تأثير محدود"
BODY = "وقال ديمتري بيسكوف المتحدث باسم الكرملين إن العقوبات الأمريكية كان لها تأثير محدود."


def test_a_jsonl_headline_is_shown_above_its_article(
    qtbot, make_window, store: Store, tmp_path: Path
) -> None:
    source = tmp_path / "news.jsonl"
    source.write_text(
        json.dumps({"id": "n1", "title": HEADLINE, "text": BODY}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    assert import_paths(store, [source], "jsonl").imported == 1
    (doc_id,) = store.document_ids()
    window = make_window(store, doc_id)
    title = window.article_title
    assert title.isVisible()
    assert title.text() == HEADLINE
    assert title.alignment() & Qt.AlignmentFlag.AlignRight
    assert title.font().bold()
    # Above the article, in the same column.
    top = title.mapTo(window, title.rect().bottomLeft()).y()
    assert top <= window.article.mapTo(window, window.article.rect().topLeft()).y()
    assert window.article.toPlainText() == BODY
    window.grab().save(str(tmp_path / "headline.png"))


def test_a_plain_text_title_is_not_shown_twice(qtbot, seeded_window: MainWindow) -> None:
    window = seeded_window
    document = window.session.document
    assert document.title and document.text.startswith(document.title)
    assert not window.article_title.isVisible()


def test_the_title_follows_the_open_document(qtbot, make_window, store: Store) -> None:
    first = store.add_document(BODY, HEADLINE)
    second = store.add_document("نص بلا عنوان منفصل\nوبقية المقال.", "نص بلا عنوان منفصل")
    window = make_window(store, first)
    assert window.article_title.isVisible()
    assert window.session.open_document(second)
    assert not window.article_title.isVisible()
    assert window.session.open_document(first)
    assert window.article_title.text() == HEADLINE
