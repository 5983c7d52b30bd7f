"""Layout and bidi: what a small window gives up first, where lines break, which way
each cell reads, and the Arabic UI's shortcuts and edges."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from corpus.model import Ref, Span, Topic
from corpus.store import Store
from gui.flows import Stage
from gui.models import AnnotationTableModel
from gui.panels import ArticleSplitter, DirectionalDelegate
from gui.window import MainWindow, ShortcutsDialog

FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"


def _at(store: Store, doc_id: int, words: str) -> tuple[int, int]:
    span = _find(store, doc_id, words)
    return span.start, span.end


def _find(store: Store, doc_id: int, words: str, occurrence: int = 0) -> Span:
    text = store.document(doc_id).text
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(words, at + 1)
    return Span(at, at + len(words))


def _resize(qtbot, window: MainWindow, width: int, height: int = 700) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.splitter.width() <= width and sum(window.splitter.sizes()) > 0)
    QCoreApplication.processEvents()


def test_a_narrower_window_takes_width_from_the_side_panels_before_the_article(
    qtbot, seeded_window: MainWindow, tmp_path: Path
) -> None:
    window = seeded_window
    corpus, article, annotations = window.splitter.sizes()
    _resize(qtbot, window, 1050)
    narrower = window.splitter.sizes()
    assert narrower[1] == article
    assert narrower[0] < corpus and narrower[2] < annotations

    _resize(qtbot, window, 640, 500)
    small = window.splitter.sizes()
    minimum = ArticleSplitter.SIDE_MINIMUM
    assert small[0] <= max(minimum, window.corpus_panel.minimumSizeHint().width())
    assert small[2] <= max(minimum, window.annotation_panel.minimumSizeHint().width())
    assert small[1] > small[0] and small[1] > small[2]
    # The legend wraps instead of holding the panel wide: every chip is inside it.
    legend = window.annotation_panel.legend
    for chip in legend.children():
        if chip.isWidgetType():
            assert legend.rect().contains(chip.geometry()), chip.text()
    window.grab().save(str(tmp_path / "small.png"))

    # Smaller still, the article keeps a readable width; the sides go below theirs.
    _resize(qtbot, window, 560, 500)
    tiny = window.splitter.sizes()
    assert tiny[1] >= ArticleSplitter.ARTICLE_MINIMUM
    assert tiny[0] < small[0] and tiny[2] < small[2]

    _resize(qtbot, window, 1300, 800)
    assert window.splitter.sizes() == [corpus, article, annotations]


def test_arabic_lines_break_only_between_words(qtbot, seeded_window: MainWindow) -> None:
    window = seeded_window
    _resize(qtbot, window, 700, 500)
    view = window.article
    breaks = 0
    block = view.document().firstBlock()
    while block.isValid():
        layout = block.layout()
        text = block.text()
        for i in range(layout.lineCount() - 1):
            line = layout.lineAt(i)
            end = line.textStart() + line.textLength()
            breaks += 1
            assert text[end - 1].isspace() or text[end].isspace(), (block.blockNumber(), end)
        block = block.next()
    assert breaks > 10  # the narrow article did wrap


def test_the_flow_bar_keeps_one_height_through_every_step(
    qtbot, seeded_window: MainWindow, tmp_path: Path
) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    china = store.add_entity(doc_id, "layla", *_at(store, doc_id, "الصين"), "GPE")
    window.session.open_document(doc_id)
    qtbot.waitUntil(lambda: not window.loading)
    bar = window.flow_bar
    seen: list[tuple[int, int]] = []

    def look() -> None:
        QCoreApplication.processEvents()
        assert bar.isVisible()
        seen.append(
            (bar.height(), window.article.mapTo(window, window.article.rect().topLeft()).y())
        )
        # The instructions use the width: a row of their own, the bar's full width.
        assert bar.prompt.width() >= bar.contentsRect().width() - 40

    window.flow.start_quote(_find(store, doc_id, "العقوبات"))
    look()
    window.flow.take_span(None)
    assert window.flow.stage is Stage.CUE
    look()
    window.flow.take_span(None)
    assert window.flow.stage is Stage.KIND
    look()
    window.flow.cancel()
    window.flow.start_stance(None)
    look()
    window.flow.take_entity(china.uuid)
    assert window.flow.stage is Stage.TARGET
    window.flow_bar.ask_topic()
    topic = "الحرب الروسية في أوكرانيا وتأثيرها على العلاقات مع الصين"
    bar.topic.setText(topic)
    look()
    assert len(set(seen)) == 1, seen
    # A long topic fits its field.
    assert bar.topic.width() > bar.topic.fontMetrics().horizontalAdvance(topic)
    window.grab().save(str(tmp_path / "topic.png"))
    window.flow.take_topic(topic)
    look()
    assert len(set(seen)) == 1, seen


def _option(view, index) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.initFrom(view)
    view.itemDelegate().initStyleOption(option, index)
    return option


def test_each_cell_is_laid_out_in_its_texts_direction(qtbot, make_window, store: Store) -> None:
    title = "الكرملين يكشف مستوى العلاقات مع الصين بعد الحرب في أوكرانيا"
    doc_id = store.add_document("قال ديمتري بيسكوف إن العلاقات مع الصين جيدة.", title)
    window = make_window(store, doc_id)
    table = window.corpus_panel.table
    assert isinstance(table.itemDelegate(), DirectionalDelegate)
    cell = window.documents.index(0, 1)
    option = _option(table, cell)
    assert option.text == title
    assert option.direction == Qt.LayoutDirection.RightToLeft
    # Leading edge of a right-to-left text: it starts at the right; elided at its
    # logical end, the ellipsis lands on the left.
    assert option.displayAlignment & Qt.AlignmentFlag.AlignLeft
    assert not option.displayAlignment & Qt.AlignmentFlag.AlignAbsolute
    assert table.textElideMode() == Qt.TextElideMode.ElideRight
    status = _option(table, window.documents.index(0, 2))
    assert status.direction == Qt.LayoutDirection.LeftToRight


def test_quote_and_stance_details_isolate_each_part(qtbot, make_window, seeded) -> None:
    store, doc_id = seeded
    peskov = store.add_entity(doc_id, "layla", *_at(store, doc_id, "ديمتري بيسكوف"), "PER")
    china = store.add_entity(doc_id, "layla", *_at(store, doc_id, "الصين"), "GPE")
    store.add_quote(
        doc_id,
        "layla",
        _find(store, doc_id, "إن العقوبات الأمريكية"),
        "indirect",
        cue=_find(store, doc_id, "وقال"),
        speaker=Ref(peskov.uuid),
    )
    store.add_stance(doc_id, "layla", Ref(china.uuid), Topic("الحرب في أوكرانيا"), "oppose")
    window = make_window(store, doc_id)
    quotes, stances = window.annotation_models["quote"], window.annotation_models["stance"]
    assert quotes.data(quotes.index(0, 2)) == (
        f"{FSI}speaker: {FSI}ديمتري بيسكوف{PDI}{PDI}; {FSI}cue: {FSI}وقال{PDI}{PDI}"
    )
    assert stances.data(stances.index(0, 2)) == f"{FSI}الصين{PDI} → {FSI}«الحرب في أوكرانيا»{PDI}"
    table = window.annotation_panel.tables["stance"]
    # Nothing strong outside the isolates: the cell reads in the UI's direction.
    assert _option(table, stances.index(0, 2)).direction == Qt.LayoutDirection.LeftToRight
    # Right to left (the Arabic UI), the arrow still points from holder to target.
    arabic = AnnotationTableModel(store, "stance", window.session.annotation, arabic_names=True)
    arabic.reset(store.document(doc_id).text, window.session.annotations())
    assert arabic.data(arabic.index(0, 2)) == f"{FSI}الصين{PDI} ← {FSI}«الحرب في أوكرانيا»{PDI}"


def test_the_arabic_ui_reads_ctrl_plus_plus_and_keeps_its_right_edge(
    qtbot, make_window, seeded, tmp_path: Path
) -> None:
    store, doc_id = seeded
    window = make_window(store, doc_id, language="ar")
    assert window.isRightToLeft()
    view_menu = next(
        a.menu()
        for a in window.menuBar().actions()
        if a.menu() and any("Ctrl++" in b.text() for b in a.menu().actions())
    )
    larger = next(a for a in view_menu.actions() if "Ctrl++" in a.text())
    assert larger.text().endswith(f"\t{LRI}Ctrl++{PDI}")
    assert larger.shortcut().toString() == "Ctrl++"
    # Nothing is cut at the right edge: the corpus panel ends inside the window.
    panel = window.corpus_panel
    right = panel.mapTo(window, panel.rect().topRight()).x()
    assert right < window.width()
    assert (
        window.splitter.widget(2).mapTo(window, window.splitter.widget(2).rect().topLeft()).x() >= 0
    )

    window.grab().save(str(tmp_path / "arabic.png"))
    dialog = ShortcutsDialog(window.shortcuts, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(tmp_path / "shortcuts.png"))
    table = dialog.table
    keys_option = None
    for row in range(table.rowCount()):
        # Each row is as tall as its wrapped text needs.
        assert table.rowHeight(row) >= table.sizeHintForRow(row) - 1, row
        if table.item(row, 0).text().startswith("Ctrl++"):
            keys_option = _option(table, table.model().index(row, 0))
    assert keys_option is not None
    assert keys_option.direction == Qt.LayoutDirection.LeftToRight
    assert keys_option.displayAlignment & Qt.AlignmentFlag.AlignRight
