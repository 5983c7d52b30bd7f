"""Quotes and stances built by keyboard (and a click) in the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from corpus.model import Entity, Quote, Ref, Span, Stance, Topic
from gui.flows import Stage
from gui.window import MainWindow
from tests.gui.test_tagging import _point_of, select_text

PUTIN_QUOTE = "نحن نقدر بشدة الموقف المتوازن لأصدقائنا الصينيين"


def tag(qtbot, window: MainWindow, words: str, key: Qt.Key, occurrence: int = 0) -> Entity:
    select_text(window, words, occurrence)
    qtbot.keyClick(window.article, key)
    entity = window.session.annotation(window.session.selected)
    assert isinstance(entity, Entity)
    return entity


def test_a_quote_with_speaker_picked_by_click_and_cue_picked_by_selection(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    putin = tag(qtbot, window, "بوتين", Qt.Key.Key_1, occurrence=1)
    content = select_text(window, PUTIN_QUOTE)
    qtbot.keyClick(window.article, Qt.Key.Key_Q)
    assert window.flow.stage is Stage.SPEAKER
    assert window.flow_bar.isVisible()
    qtbot.mouseClick(
        window.article.viewport(),
        Qt.MouseButton.LeftButton,
        pos=_point_of(window, putin.span.start + 1),
    )
    assert window.flow.stage is Stage.CUE
    cue = select_text(window, "الإشارة")
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    assert window.flow.stage is Stage.KIND
    qtbot.keyClick(window.article, Qt.Key.Key_D)
    assert window.flow.stage is Stage.IDLE
    assert not window.flow_bar.isVisible()
    quotes = store.annotations(doc_id, layer="quote")
    assert len(quotes) == 1
    quote = quotes[0]
    assert isinstance(quote, Quote)
    assert (quote.content, quote.cue, quote.speaker, quote.kind) == (
        Span(*content),
        Span(*cue),
        Ref(putin.uuid),
        "direct",
    )
    assert quote.annotator == "layla"


def test_a_reported_quote_whose_speaker_is_selected_by_keyboard(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    peskov = tag(qtbot, window, "ديمتري بيسكوف", Qt.Key.Key_1)
    content = select_text(window, "العقوبات الأمريكية والتهديدات بفرض عقوبات على الصين")
    qtbot.keyClick(window.article, Qt.Key.Key_Q)
    select_text(window, "ديمتري بيسكوف")  # the same words as the entity: stored as a reference
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    select_text(window, "وقال")
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    qtbot.keyClick(window.article, Qt.Key.Key_I)
    (quote,) = store.annotations(doc_id, layer="quote")
    assert quote.speaker == Ref(peskov.uuid)
    assert quote.content == Span(*content)
    # The cue is the verb without its conjunction (issue 9): وقال → قال.
    start, end = select_text(window, "وقال")
    assert quote.cue == Span(start + 1, end)
    assert quote.kind == "indirect"

    # Words that are no entity are stored as a span; Enter alone skips the cue.
    content = select_text(window, "الرسائل السياسية المتضاربة")
    qtbot.keyClick(window.article, Qt.Key.Key_Q)
    speaker = select_text(window, "الخبراء")
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    qtbot.keyClick(window.article, Qt.Key.Key_M)
    second = next(q for q in store.annotations(doc_id, layer="quote") if q.uuid != quote.uuid)
    assert (second.content, second.speaker, second.cue, second.kind) == (
        Span(*content),
        Span(*speaker),
        None,
        "mixed",
    )


def test_a_stance_with_evidence_holder_target_and_polarity(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    china = tag(qtbot, window, "الصين", Qt.Key.Key_3, occurrence=7)
    evidence = select_text(window, "أعربت الصين عن قلقها بشأن الحرب الروسية في أوكرانيا")
    qtbot.keyClick(window.article, Qt.Key.Key_S)
    assert window.flow.stage is Stage.HOLDER
    qtbot.mouseClick(
        window.article.viewport(),
        Qt.MouseButton.LeftButton,
        pos=_point_of(window, china.span.start + 1),
    )
    assert window.flow.stage is Stage.TARGET
    target = select_text(window, "الحرب الروسية في أوكرانيا")
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    assert window.flow.stage is Stage.POLARITY
    qtbot.keyClick(window.article, Qt.Key.Key_A)
    (stance,) = store.annotations(doc_id, layer="stance")
    assert isinstance(stance, Stance)
    assert (stance.holder, stance.target, stance.polarity, stance.evidence) == (
        Ref(china.uuid),
        Span(*target),
        "oppose",
        (Span(*evidence),),
    )


def test_a_stance_on_a_typed_topic_without_evidence(qtbot, seeded_window: MainWindow) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    qtbot.keyClick(window.article, Qt.Key.Key_S)
    holder = select_text(window, "شي وبوتين")
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    qtbot.keyClick(window.article, Qt.Key.Key_T)
    topic_box = window.flow_bar.topic
    assert topic_box.hasFocus()
    topic_box.insert("هيمنة الغرب")  # QTest can only type ASCII
    qtbot.keyClick(topic_box, Qt.Key.Key_Return)
    assert window.flow.stage is Stage.POLARITY
    assert window.article.hasFocus()
    qtbot.keyClick(window.article, Qt.Key.Key_A)
    (stance,) = store.annotations(doc_id, layer="stance")
    assert (stance.holder, stance.target, stance.polarity, stance.evidence) == (
        Span(*holder),
        Topic("هيمنة الغرب"),
        "oppose",
        (),
    )


def test_escape_cancels_a_flow_and_stores_nothing(qtbot, seeded_window: MainWindow) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    select_text(window, PUTIN_QUOTE)
    qtbot.keyClick(window.article, Qt.Key.Key_Q)
    assert window.flow.active
    qtbot.keyClick(window.article, Qt.Key.Key_Escape)
    assert not window.flow.active
    qtbot.keyClick(window.article, Qt.Key.Key_D)
    assert store.annotations(doc_id) == []


def test_a_stance_needs_a_holder_before_enter_moves_on(qtbot, seeded_window: MainWindow) -> None:
    window = seeded_window
    qtbot.keyClick(window.article, Qt.Key.Key_S)
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    assert window.flow.stage is Stage.HOLDER
    assert "holder" in window.statusBar().currentMessage()
