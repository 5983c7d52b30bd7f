"""Progressive opening: the first screen with its marks at once, the rest in slices,
and nothing lost or doubled by what the annotator does meanwhile."""

from __future__ import annotations

import gc
import uuid
from collections import Counter

from PySide6.QtCore import Qt

from corpus.model import (
    LAYERS,
    Entity,
    NewDocument,
    Quote,
    Ref,
    Span,
    Stance,
    Topic,
)
from corpus.store import Store
from gui.marks import ROLE_CUE, ROLE_EVIDENCE, ROLE_QUOTE
from gui.models import Role
from gui.window import MainWindow
from tests.gui.conftest import ANNOTATOR
from tests.gui.test_tagging import select_text

PARAGRAPHS = 1500
PESKOV = "ديمتري بيسكوف"


def _paragraph(i: int) -> str:
    return f"قال {PESKOV} في الفقرة {i} إن العلاقات مع الصين جيدة."


def _span(text: str, words: str, paragraph: int) -> Span:
    """``words`` inside paragraph ``paragraph``."""
    start = text.index(_paragraph(paragraph)) + _paragraph(paragraph).index(words)
    return Span(start, start + len(words))


def long_article(store: Store) -> tuple[int, dict[str, object]]:
    """A long article with entities all along it, quotes and stances whose parts lie
    far apart, a stance without any span, and another annotator's entity."""
    text = "\n".join(_paragraph(i) for i in range(PARAGRAPHS))
    peskovs = [
        Entity(str(uuid.uuid4()), 0, "", _span(text, PESKOV, i), "PER") for i in range(PARAGRAPHS)
    ]
    chinas = [
        Entity(str(uuid.uuid4()), 0, "", _span(text, "الصين", i), "GPE")
        for i in range(0, PARAGRAPHS, 3)
    ]
    # Cue on the first screen, content far below it.
    split_quote = Quote(
        str(uuid.uuid4()),
        0,
        "",
        _span(text, "إن العلاقات مع الصين جيدة", 1400),
        "indirect",
        _span(text, "قال", 0),
        Ref(peskovs[0].uuid),
    )
    far_quote = Quote(
        str(uuid.uuid4()),
        0,
        "",
        _span(text, "إن العلاقات مع الصين جيدة", 1450),
        "direct",
        _span(text, "قال", 1450),
        Ref(peskovs[1450].uuid),
    )
    # Spoken by an entity of the first screen, quoted at the end.
    far_speech = Quote(
        str(uuid.uuid4()),
        0,
        "",
        _span(text, "إن العلاقات مع الصين جيدة", 1490),
        "indirect",
        None,
        Ref(peskovs[1].uuid),
    )
    far_stance = Stance(
        str(uuid.uuid4()),
        0,
        "",
        Ref(peskovs[5].uuid),
        Topic("العلاقات"),
        "support",
        (_span(text, "العلاقات مع الصين", 1300),),
    )
    bare_stance = Stance(str(uuid.uuid4()), 0, "", Ref(peskovs[2].uuid), Topic("الصين"), "oppose")
    ours = (
        *peskovs,
        *chinas,
        split_quote,
        far_quote,
        far_speech,
        far_stance,
        bare_stance,
    )
    outcome = store.add_documents(
        [NewDocument(text=text, title="long", annotations=ours)], annotator=ANNOTATOR
    )
    (doc_id,) = outcome.imported
    theirs = _span(text, "الصين", 1)
    store.add_entity(doc_id, "omar", theirs.start, theirs.end, "GPE")
    named = {
        "split_quote": split_quote.uuid,
        "far_quote": far_quote.uuid,
        "far_speech": far_speech.uuid,
        "far_stance": far_stance.uuid,
        "bare_stance": bare_stance.uuid,
        "peskov_1": peskovs[1].uuid,
        "peskov_1300": peskovs[1300].uuid,
    }
    return doc_id, named


def table_uuids(window: MainWindow, layer: str) -> list[str]:
    """Every row of a layer's table, fetching those the view has not asked for."""
    model = window.annotation_models[layer]
    while model.canFetchMore():
        model.fetchMore()
    return [model.index(row, 0).data(Role.UUID) for row in range(model.rowCount())]


def assert_fully_shown(window: MainWindow, store: Store, doc_id: int) -> None:
    """Session, marks and tables hold exactly the stored annotations, once each."""
    session = window.session
    stored = store.annotations(doc_id, ANNOTATOR)
    assert session.loaded
    shown = session.annotations()
    assert len(shown) == len(stored)
    assert {a.uuid: a for a in shown} == {a.uuid: a for a in stored}
    # Entities first, then quotes, then stances, as when read at once.
    ranks = [LAYERS.index(a.layer) for a in shown]
    assert ranks == sorted(ranks)
    index = window.article.index
    assert index is not None
    assert len(index) == len(stored)
    for layer in LAYERS:
        rows = table_uuids(window, layer)
        assert Counter(rows) == Counter(a.uuid for a in stored if a.layer == layer)


def test_a_long_article_shows_its_first_screen_with_marks_then_everything(
    qtbot, make_window, store: Store
) -> None:
    doc_id, named = long_article(store)
    window = make_window(store)
    session, view = window.session, window.article
    assert session.open_document(doc_id)
    # Before the event loop has run once: the first screen only.
    assert not session.loaded
    assert window.loading
    text = session.document.text
    assert 0 < session.loaded_until < len(text) // 4
    assert 0 < len(session.annotations()) < len(store.annotations(doc_id, ANNOTATOR))
    view.viewport().repaint()
    assert view.unmarked_visible_blocks() == []
    first = view.document().firstBlock()
    china = _paragraph(0).index("الصين")
    # The cue "قال", "ديمتري بيسكوف" and "الصين" of the first paragraph.
    assert [(r.start, r.length) for r in first.layout().formats()] == [
        (0, 3),
        (4, 13),
        (china, 5),
    ]
    # A quote whose cue is on the first screen came with it, content and all.
    assert named["split_quote"] in {a.uuid for a in session.annotations()}
    assert window.annotation_models["entity"].rowCount() < PARAGRAPHS
    # Scrolled to the end before its annotations are in: the blocks there wait
    # for them rather than being drawn (and left) without marks.
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.viewport().repaint()
    last = view.document().lastBlock()
    assert view.document().blockCount() - 1 in view.unmarked_visible_blocks()
    assert last.layout().formats() == []

    qtbot.waitUntil(lambda: not window.loading, timeout=10_000)
    assert_fully_shown(window, store, doc_id)
    view.viewport().repaint()
    assert view.unmarked_visible_blocks() == []
    assert [(r.start, r.length) for r in last.layout().formats()] == [(4, 13)]
    index = view.index
    roles = {m.role for m in index.marks_of_annotation(named["far_quote"])}
    assert roles == {ROLE_QUOTE, ROLE_CUE}
    (evidence,) = index.marks_of_annotation(named["far_stance"])
    assert evidence.role == ROLE_EVIDENCE
    assert named["bare_stance"] in table_uuids(window, "stance")


def test_label_keys_pressed_before_loading_finishes_are_stored_and_listed_once(
    qtbot, make_window, store: Store
) -> None:
    doc_id, named = long_article(store)
    window = make_window(store)
    session, view = window.session, window.article
    assert session.open_document(doc_id)
    assert not session.loaded
    # Words on the first screen, words far below it (not read yet), and an entity
    # already stored far below: tagging its words again relabels it.
    near = select_text(window, "الفقرة 2")
    qtbot.keyClick(view, Qt.Key.Key_6)
    far = select_text(window, "الفقرة 1234")
    qtbot.keyClick(view, Qt.Key.Key_5)
    again = select_text(window, PESKOV, 1300)
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert not session.loaded  # all of that happened while loading
    stored = {(a.span.start, a.span.end): a for a in store.annotations(doc_id, ANNOTATOR, "entity")}
    assert stored[near].label == "MISC"
    assert stored[far].label == "EVENT"
    relabelled = stored[again]
    assert (relabelled.uuid, relabelled.label) == (named["peskov_1300"], "ORG")
    assert sum(1 for a in stored.values() if a.span == Span(*again)) == 1
    new = [stored[near].uuid, stored[far].uuid]

    qtbot.waitUntil(lambda: not window.loading, timeout=10_000)
    assert_fully_shown(window, store, doc_id)
    rows = table_uuids(window, "entity")
    for uuid_ in (*new, named["peskov_1300"]):
        assert rows.count(uuid_) == 1
    assert session.annotation(named["peskov_1300"]).label == "ORG"
    assert len(view.index.marks_of_annotation(stored[far].uuid)) == 1
    # The last key's entity is still the selected row once the tables are full.
    assert session.selected == named["peskov_1300"]
    current = window.annotation_panel.tables["entity"].currentIndex()
    assert current.siblingAtColumn(0).data(Role.UUID) == named["peskov_1300"]


def test_undo_and_delete_while_loading_lose_and_double_nothing(
    qtbot, make_window, store: Store
) -> None:
    doc_id, named = long_article(store)
    other = store.add_document("خبر قصير عن موسكو", "short")
    window = make_window(store, doc_id)
    session, view = window.session, window.article
    far = select_text(window, "الفقرة 1111")
    qtbot.keyClick(view, Qt.Key.Key_4)
    tagged = session.selected
    # Away and back: the document loads again, and Ctrl+Z comes before it is done.
    assert session.open_document(other)
    assert session.open_document(doc_id)
    assert not session.loaded
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert Span(*far) not in {a.span for a in store.annotations(doc_id, ANNOTATOR, "entity")}
    assert not session.loaded
    # Delete an entity of the first screen that a quote at the very end names as
    # its speaker: the quote keeps the words instead.
    speaker = session.annotation(named["peskov_1"])
    assert isinstance(speaker, Entity)
    session.select(speaker.uuid)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    quote = store.annotation(named["far_speech"])
    assert isinstance(quote, Quote)
    assert quote.speaker == speaker.span
    qtbot.waitUntil(lambda: not window.loading, timeout=10_000)
    assert_fully_shown(window, store, doc_id)
    assert session.annotation(tagged) is None
    assert tagged not in table_uuids(window, "entity")
    assert speaker.uuid not in table_uuids(window, "entity")
    assert session.annotation(named["far_speech"]).speaker == speaker.span
    assert table_uuids(window, "quote").count(named["far_speech"]) == 1


def test_opening_another_document_while_loading_drops_the_first(
    qtbot, make_window, store: Store
) -> None:
    doc_id, _ = long_article(store)
    other = store.add_document("خبر قصير عن موسكو وبكين", "short")
    moscow = store.add_entity(other, ANNOTATOR, 9, 14, "GPE")
    window = make_window(store)
    session = window.session
    assert session.open_document(doc_id)
    assert not session.loaded
    assert session.open_document(other)
    qtbot.waitUntil(lambda: not window.loading, timeout=10_000)
    qtbot.wait(50)  # slices of the first document would have come by now
    assert session.document.id == other
    assert session.annotations() == [moscow]
    assert len(window.article.index) == 1
    assert table_uuids(window, "entity") == [moscow.uuid]
    assert_fully_shown(window, store, other)


def test_slices_of_a_few_characters_miss_nothing_at_their_borders(
    qtbot, make_window, store: Store, monkeypatch
) -> None:
    # Every word an entity, slices of three characters: annotations start on
    # every kind of slice border.
    import gui.session

    monkeypatch.setattr(gui.session, "FIRST_SLICE_CHARS", 3)
    monkeypatch.setattr(gui.session, "MIN_SLICE_CHARS", 3)
    monkeypatch.setattr(gui.session, "SLICE_SECONDS", 0.0)
    text = "\n".join(_paragraph(i) for i in range(40))
    doc_id = store.add_document(text, "words")
    at = 0
    for word in text.split():
        at = text.index(word, at)
        store.add_entity(doc_id, ANNOTATOR, at, at + len(word), "MISC")
        at += len(word)
    quote = store.add_quote(doc_id, ANNOTATOR, _span(text, "إن العلاقات", 30), "direct")
    window = make_window(store)
    window.session.first_screen = lambda _text: 10
    assert window.session.open_document(doc_id)
    assert window.session.loaded_until == 10
    qtbot.waitUntil(lambda: not window.loading, timeout=20_000)
    assert_fully_shown(window, store, doc_id)
    assert window.session.annotation(quote.uuid) == quote


# ---------------------------------------------------------------------- suggestions


def _suggest_words(store: Store, doc_id: int, words: str, label: str, every: int = 1) -> int:
    """Store a propagate suggestion of ``words`` in every ``every``-th paragraph whose
    ``words`` are no entity of the annotator; returns how many were stored."""
    from corpus.suggest.model import Suggestion

    text = store.document(doc_id).text
    found = [
        Suggestion(
            Entity(str(uuid.uuid4()), doc_id, ANNOTATOR, _span(text, words, i), label),
            "propagate",
            0.9,
        )
        for i in range(0, PARAGRAPHS, every)
    ]
    return store.add_suggestions(doc_id, ANNOTATOR, found)


def _on_screen(view, suggestions) -> set[tuple[int, int]]:
    first, last = view.visible_range()
    return {(s.start, s.end) for s in suggestions if s.start < last and s.end > first}


def test_many_suggestions_come_after_the_first_paint_in_slices(
    qtbot, make_window, store: Store
) -> None:
    import gui.article

    doc_id, _ = long_article(store)
    # The paragraphs whose الصين is not annotated (two in three).
    total = _suggest_words(store, doc_id, "الصين", "GPE")
    assert total == PARAGRAPHS - len(range(0, PARAGRAPHS, 3))
    assert total > gui.article.SUGGESTIONS_AT_ONCE + gui.article.FIRST_SUGGESTION_SLICE
    window = make_window(store)
    session, view = window.session, window.article
    assert session.open_document(doc_id)
    # The first paint shows the text and its marks; no suggestion has been read.
    assert view.suggestions_loading
    assert len(view.suggestions) == 0
    assert view.suggestions_read_until == 0
    view.viewport().repaint()
    assert view.unmarked_visible_blocks() == []

    # The first slice brings the screen's, drawn before the rest is read.
    _, last = view.visible_range()
    qtbot.waitUntil(lambda: view.suggestions_read_until >= last, timeout=10_000)
    assert view.suggestions_loading
    assert 0 < len(view.suggestions) < total
    stored = store.suggestions(doc_id, ANNOTATOR)
    assert _on_screen(view, view.suggestions) == _on_screen(view, stored)
    assert _on_screen(view, view.suggestions)
    painted = view.paint_count
    view.viewport().repaint()
    assert view.paint_count == painted + 1

    with qtbot.waitSignal(window.assistant.suggestions_shown, timeout=20_000) as shown:
        pass
    assert shown.args == [total]
    assert not view.suggestions_loading
    assert view.suggestions.items == stored
    assert view.suggestions_read_until > len(session.document.text)
    # The collector paused for the slices is given back.
    qtbot.waitUntil(lambda: not window.loading and gc.isenabled(), timeout=10_000)


def test_a_reload_of_many_suggestions_draws_the_screen_at_once_then_the_rest(
    qtbot, make_window, store: Store
) -> None:
    doc_id, _ = long_article(store)
    _suggest_words(store, doc_id, "الصين", "GPE")
    window = make_window(store, doc_id)
    view = window.article
    qtbot.waitUntil(lambda: not view.suggestions_loading, timeout=20_000)
    before = view.suggestions.items
    # Another source finds more: the screen shows them at once, the rest follows.
    from corpus.suggest.model import Suggestion

    text = store.document(doc_id).text
    more = [
        Suggestion(
            Entity(str(uuid.uuid4()), doc_id, ANNOTATOR, _span(text, "العلاقات", i), "MISC"),
            "gazetteer",
            0.5,
        )
        for i in range(PARAGRAPHS)
    ]
    assert store.add_suggestions(doc_id, ANNOTATOR, more) == PARAGRAPHS
    stored = store.suggestions(doc_id, ANNOTATOR)
    drawn_now = window.assistant.show_suggestions()
    assert view.suggestions_loading
    assert _on_screen(view, drawn_now) == _on_screen(view, stored)
    # Off screen, what was drawn stays until the new layer is read whole.
    assert {s.id for s in drawn_now} >= {s.id for s in before}
    with qtbot.waitSignal(window.assistant.suggestions_shown, timeout=20_000) as shown:
        pass
    assert shown.args == [len(stored)]
    assert view.suggestions.items == stored
    qtbot.waitUntil(gc.isenabled, timeout=10_000)


def test_suggestions_still_loading_when_another_document_opens_are_dropped(
    qtbot, make_window, store: Store
) -> None:
    doc_id, _ = long_article(store)
    _suggest_words(store, doc_id, "الصين", "GPE")
    other = store.add_document("خبر قصير عن موسكو وبكين", "short")
    window = make_window(store)
    session, view = window.session, window.article
    assert session.open_document(doc_id)
    assert view.suggestions_loading
    assert session.open_document(other)
    qtbot.waitUntil(lambda: not window.loading and not view.suggestions_loading, timeout=10_000)
    qtbot.wait(50)
    assert len(view.suggestions) == 0
    qtbot.waitUntil(gc.isenabled, timeout=10_000)


def test_an_article_destroyed_while_its_suggestions_load_gives_the_collector_back(
    qtbot, store: Store, font_family: str
) -> None:
    from PySide6.QtGui import QFont

    from gui.article import ArticleViewWidget
    from gui.session import AnnotationSession

    doc_id, _ = long_article(store)
    _suggest_words(store, doc_id, "الصين", "GPE")
    assert gc.isenabled()
    session = AnnotationSession(store, ANNOTATOR)
    view = ArticleViewWidget(session, QFont(font_family))
    view.show_document(store.document(doc_id).text, [])

    def read(start: int, end: int | None, limit: int | None) -> list:
        return store.suggestions(doc_id, ANNOTATOR, start=start, end=end, limit=limit)

    assert not view.load_suggestions(read)
    assert not gc.isenabled()
    gone: list[bool] = []
    view.destroyed.connect(lambda *_: gone.append(True))
    view.deleteLater()
    qtbot.waitUntil(lambda: bool(gone), timeout=5_000)
    assert gc.isenabled()


def test_store_reads_suggestions_by_start_range_and_limit(store: Store) -> None:
    doc_id, _ = long_article(store)
    _suggest_words(store, doc_id, "الصين", "GPE")
    every = store.suggestions(doc_id, ANNOTATOR)
    starts = [s.start for s in every]
    assert starts == sorted(starts)
    middle = starts[len(starts) // 2]
    assert store.suggestions(doc_id, ANNOTATOR, start=middle) == [
        s for s in every if s.start >= middle
    ]
    assert store.suggestions(doc_id, ANNOTATOR, start=starts[3], end=starts[10]) == every[3:10]
    assert store.suggestions(doc_id, ANNOTATOR, start=starts[3], limit=5) == every[3:8]
    assert store.suggestions(doc_id, ANNOTATOR, end=0) == []


def test_suggestion_layer_extends_in_order_and_replaces_a_range() -> None:
    import pytest

    from corpus.suggest.model import Suggestion
    from gui.suggestions import SuggestionLayer

    def sug(start: int, end: int, sid: int) -> Suggestion:
        return Suggestion(Entity(f"u{sid}", 1, ANNOTATOR, Span(start, end), "PER"), "crf", 0.5, sid)

    layer = SuggestionLayer([sug(0, 4, 1), sug(10, 14, 2)])
    layer.extend([sug(10, 12, 3), sug(20, 40, 4)])
    assert [s.id for s in layer] == [1, 2, 3, 4]
    # The long one is found from where it overlaps.
    assert [s.id for s in layer.between(35, 36)] == [4]
    with pytest.raises(ValueError, match="after those held"):
        layer.extend([sug(5, 6, 5)])
    layer.replace(5, 20, [sug(6, 8, 6)])
    assert [s.id for s in layer] == [1, 6, 4]
    assert layer.at(7) == sug(6, 8, 6)
