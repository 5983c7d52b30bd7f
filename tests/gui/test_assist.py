"""Arabic assistance in the window: clitic-aware snapping and the suggestion keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox

from corpus.model import Entity, Span
from corpus.store import Store
from gui.window import MainWindow
from tests.gui.conftest import MakeWindow
from tests.gui.test_selection import _drag
from tests.gui.test_tagging import _point_of

# An emoji first: every later UTF-16 position is one more than its code point.
EMOJI_TEXT = (
    "😀 قال المتحدث إن بكين ترحب بالزيارة. ودعا الوزير بوتين لبكين، وقال إن بوتين سيزور "
    "الصين. وبوتين يعرف الصين جيدا، وللصين مصالح والصين قوية."
)


@pytest.fixture
def emoji_window(make_window: MakeWindow, store: Store) -> MainWindow:
    doc_id = store.add_document(EMOJI_TEXT, "emoji")
    return make_window(store, doc_id)


def _nth(text: str, word: str, occurrence: int = 0) -> int:
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(word, at + 1)
    return at


def _word_at(text: str, word: str, occurrence: int = 0) -> int:
    """Where ``word`` stands as a whole word (not inside a longer one)."""
    at = -1
    found = -1
    while found < occurrence:
        at = text.index(word, at + 1)
        before = text[at - 1] if at else " "
        after = text[at + len(word)] if at + len(word) < len(text) else " "
        if not before.isalpha() and not after.isalpha():
            found += 1
    return at


def _double_click(qtbot, window: MainWindow, offset: int) -> None:
    qtbot.mouseDClick(
        window.article.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(window, offset)
    )


def _selected_text(window: MainWindow) -> str:
    selected = window.article.selected_range()
    assert selected is not None
    return window.session.document.text[selected[0] : selected[1]]


@pytest.mark.parametrize(
    ("word", "stem"), [("لبكين", "بكين"), ("وبوتين", "بوتين"), ("وقال", "قال")]
)
def test_a_double_click_on_a_clitic_joined_word_selects_and_stores_its_stem(
    qtbot, emoji_window: MainWindow, word: str, stem: str
) -> None:
    window = emoji_window
    store, doc_id = window.session.store, window.session.document.id
    text = window.session.document.text
    at = _word_at(text, word)
    _double_click(qtbot, window, at + 2)
    clitic = len(word) - len(stem)
    assert window.article.selected_range() == (at + clitic, at + len(word))
    # The Qt selection really covers the stem (UTF-16 = code points + 1 for the emoji).
    cursor = window.article.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (
        at + clitic + 1,
        at + len(word) + 1,
    )
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    (entity,) = store.annotations(doc_id, "layla", "entity")
    assert entity.span == Span(at + clitic, at + len(word))
    assert text[entity.span.start : entity.span.end] == stem


def test_a_double_click_keeps_a_name_that_only_looks_joined(
    qtbot, emoji_window: MainWindow
) -> None:
    window = emoji_window
    text = window.session.document.text
    at = _word_at(text, "بكين")
    _double_click(qtbot, window, at + 1)
    assert _selected_text(window) == "بكين"


def test_a_keyboard_selection_keeps_the_proclitic(qtbot, emoji_window: MainWindow) -> None:
    window = emoji_window
    store, doc_id = window.session.store, window.session.document.id
    text = window.session.document.text
    at = _word_at(text, "وبوتين")
    cursor = window.article.textCursor()
    cursor.setPosition(at + 1)  # UTF-16: after the emoji's two units, at و
    window.article.setTextCursor(cursor)
    for _ in range(len("وبوتين")):
        # Right to left: the left arrow moves forward through the text.
        qtbot.keyClick(window.article, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert _selected_text(window) == "وبوتين"
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    (entity,) = store.annotations(doc_id, "layla", "entity")
    assert entity.span == Span(at, at + len("وبوتين"))


def test_the_toggle_key_switches_between_the_word_and_its_stem(
    qtbot, emoji_window: MainWindow
) -> None:
    window = emoji_window
    store, doc_id = window.session.store, window.session.document.id
    text = window.session.document.text
    at = _word_at(text, "وبوتين")
    _double_click(qtbot, window, at + 3)
    assert _selected_text(window) == "بوتين"
    qtbot.keyClick(window.article, Qt.Key.Key_W)
    assert _selected_text(window) == "وبوتين"
    qtbot.keyClick(window.article, Qt.Key.Key_W)
    assert _selected_text(window) == "بوتين"
    qtbot.keyClick(window.article, Qt.Key.Key_W)
    # The whole word, as the annotator asked, is what the label key stores.
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    (entity,) = store.annotations(doc_id, "layla", "entity")
    assert entity.span == Span(at, at + len("وبوتين"))


def _tag_word(qtbot, window: MainWindow, word: str, key: Qt.Key, occurrence: int = 0) -> Entity:
    text = window.session.document.text
    at = _word_at(text, word, occurrence)
    _double_click(qtbot, window, at + len(word) // 2)
    qtbot.keyClick(window.article, key)
    entity = window.session.entity_with_span(Span(at, at + len(word)))
    assert entity is not None
    return entity


def _spans(suggestions) -> list[tuple[int, int, str, str]]:
    return [(s.start, s.end, s.label, s.source) for s in suggestions]


def test_tagging_an_entity_suggests_its_other_mentions_through_clitics(
    qtbot, emoji_window: MainWindow
) -> None:
    window = emoji_window
    store, doc_id = window.session.store, window.session.document.id
    text = window.session.document.text
    _tag_word(qtbot, window, "الصين", Qt.Key.Key_3)
    shown = window.article.suggestions.items
    assert shown == store.suggestions(doc_id, "layla")
    # الصين (second), وبوتين's neighbour الصين, للصين → لصين, والصين → الصين.
    expected = {
        (_word_at(text, "الصين", 1), _word_at(text, "الصين", 1) + 5),
        (_nth(text, "وللصين") + 2, _nth(text, "وللصين") + 6),
        (_nth(text, "والصين") + 1, _nth(text, "والصين") + 6),
    }
    assert {(s.start, s.end) for s in shown} == expected
    assert {(s.label, s.source) for s in shown} == {("GPE", "propagate")}
    assert window.assistant.last_propagation_seconds > 0


def test_next_and_previous_suggestion_keys_move_the_caret(qtbot, emoji_window: MainWindow) -> None:
    window = emoji_window
    _tag_word(qtbot, window, "الصين", Qt.Key.Key_3)
    starts = [s.start for s in window.article.suggestions.items]
    assert len(starts) == 3
    cursor = window.article.textCursor()
    cursor.setPosition(0)
    window.article.setTextCursor(cursor)
    seen = []
    for _ in range(4):
        qtbot.keyClick(window.article, Qt.Key.Key_F8)
        seen.append(window.article.selected_range()[0])
        if len(seen) == 1:  # the status line names the label and the source
            assert (
                window.statusBar()
                .currentMessage()
                .startswith("Suggestion 1 of 3: Geo-political entity (propagation, score 0.")
            )
    assert seen == [*starts, starts[0]]  # wraps round
    qtbot.keyClick(window.article, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.article.selected_range()[0] == starts[2]
    assert window.article.current_suggestion == window.article.suggestions.items[2].id


def test_enter_accepts_backspace_rejects_and_undo_reopens(qtbot, emoji_window: MainWindow) -> None:
    window = emoji_window
    store, doc_id = window.session.store, window.session.document.id
    _tag_word(qtbot, window, "الصين", Qt.Key.Key_3)
    first, second, _third = window.article.suggestions.items
    qtbot.keyClick(window.article, Qt.Key.Key_F8)
    while window.article.selected_range()[0] != first.start:
        qtbot.keyClick(window.article, Qt.Key.Key_F8)
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    entities = {(e.span.start, e.span.end, e.label) for e in store.annotations(doc_id)}
    assert (first.start, first.end, "GPE") in entities
    assert [s.id for s in store.suggestions(doc_id, "layla", "accepted")] == [first.id]
    # The caret went on to the next suggestion: Backspace rejects it.
    assert window.article.selected_range() == (second.start, second.end)
    qtbot.keyClick(window.article, Qt.Key.Key_Backspace)
    rejected = store.suggestions(doc_id, "layla", "rejected")
    assert [(s.start, s.end) for s in rejected] == [(second.start, second.end)]
    assert (second.start, second.end) not in {(s.start, s.end) for s in window.article.suggestions}
    # Rejected stays rejected when propagation runs again (another entity tagged).
    _tag_word(qtbot, window, "بوتين", Qt.Key.Key_1)
    assert (second.start, second.end) not in {
        (s.start, s.end) for s in store.suggestions(doc_id, "layla")
    }

    stack = window.session.undo_stack()
    window.article.setFocus()
    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Putin
    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # reject
    assert (second.start, second.end) in {(s.start, s.end) for s in window.article.suggestions}
    qtbot.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # accept
    assert (first.start, first.end) not in {
        (e.span.start, e.span.end) for e in store.annotations(doc_id)
    }
    assert (first.start, first.end) in {(s.start, s.end) for s in window.article.suggestions}
    assert stack.canRedo()


def test_annotate_all_accepts_every_propagated_suggestion_as_one_undo(
    qtbot, emoji_window: MainWindow
) -> None:
    window = emoji_window
    store, doc_id = window.session.store, window.session.document.id
    text = window.session.document.text
    _tag_word(qtbot, window, "الصين", Qt.Key.Key_3)
    proposed = {(s.start, s.end) for s in window.article.suggestions}
    qtbot.keyClick(
        window.article,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    stored = {(e.span.start, e.span.end) for e in store.annotations(doc_id)}
    assert proposed <= stored
    assert {text[a:b] for a, b in stored} == {"الصين", "لصين"}
    assert len(window.article.suggestions) == 0
    count = window.session.undo_stack().count()
    window.session.undo_stack().undo()
    assert window.session.undo_stack().count() == count  # one step undid them all
    assert len(store.annotations(doc_id)) == 1


def _fill(window: MainWindow, label: str) -> QColor:
    return window.article._palette.entity_color(label)


def test_suggestions_are_drawn_as_dashed_outlines_unlike_the_filled_annotations(
    qtbot, emoji_window: MainWindow, tmp_path: Path
) -> None:
    window = emoji_window
    _tag_word(qtbot, window, "الصين", Qt.Key.Key_3)
    entity = next(a for a in window.session.annotations() if isinstance(a, Entity))
    sug = window.article.suggestions.items[-1]
    window.session.select("")  # the selected entity is drawn darker
    window.article.clear_text_selection()
    cursor = window.article.textCursor()
    cursor.setPosition(0)
    window.article.setTextCursor(cursor)
    image: QImage = window.article.viewport().grab().toImage()
    offsets = window.article.index.offsets

    from gui.suggestions import span_rects

    def colours(rect) -> list[QColor]:
        return [
            image.pixelColor(x, y)
            for x in range(int(rect.left()) + 1, int(rect.right()) - 1)
            for y in range(int(rect.top()) + 1, int(rect.bottom()) - 1)
        ]

    fill = _fill(window, "GPE")
    (entity_rect,) = span_rects(window.article, offsets, entity.span.start, entity.span.end)
    assert sum(c == fill for c in colours(entity_rect)) > 20
    (sug_rect,) = span_rects(window.article, offsets, sug.start, sug.end)
    inside = colours(sug_rect.adjusted(3, 3, -3, -3))
    assert not any(c == fill for c in inside)  # no fill: an outline
    outline = fill.darker(170)
    # Along the top edge the dashes alternate: outline-coloured runs and gaps.
    y = int(sug_rect.top()) + 1
    row = [
        _near(image.pixelColor(x, y), outline)
        for x in range(int(sug_rect.left()) + 4, int(sug_rect.right()) - 4)
    ]
    assert any(row) and not all(row)
    window.grab().save(str(tmp_path / "suggestions.png"))


def _near(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 90


def test_camel_ner_without_its_model_says_how_to_install(
    qtbot, emoji_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "no-camel"))
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    assert not emoji_window.assistant.run_camel_ner()
    (message,) = said
    assert "camel_data -i ner-arabert" in message
    assert "CAMELTOOLS_DATA" in message


def test_the_mouse_selection_point_helper_is_inside_the_text(emoji_window: MainWindow) -> None:
    # Guards the helpers above: a point off the text would make every click a no-op.
    window = emoji_window
    at = _word_at(window.session.document.text, "وبوتين")
    point = _point_of(window, at + 2)
    assert isinstance(point, QPoint)
    assert window.article.char_at(point) == at + 2


@pytest.fixture
def file_window(make_window: MakeWindow, tmp_path: Path) -> MainWindow:
    """A window over a database file (background tasks open their own connection)."""
    store = Store.open(tmp_path / "assist.db")
    first = store.add_document(EMOJI_TEXT, "emoji")
    store.add_document("زار بوتين الصين أمس، وقالت الصين إن بوتين صديق.", "second")
    window = make_window(store, first)
    yield window
    window.wait_for_tasks()
    store.close()


def test_the_whole_corpus_propagates_in_the_background_with_progress(
    qtbot, file_window: MainWindow
) -> None:
    window = file_window
    store = window.session.store
    _tag_word(qtbot, window, "بوتين", Qt.Key.Key_1)
    second = store.document_ids()[1]
    # The second document has no entity of its own: nothing to propagate there.
    assert store.suggestions(second, "layla") == []
    progressed: list[int] = []
    with qtbot.waitSignal(window.assistant.suggestions_shown, timeout=30_000):
        assert window.assistant.propagate_corpus()
        window._tasks[-1].progressed.connect(lambda done, _what: progressed.append(done))
    assert progressed[-1:] == [2]
    first = window.session.document.id
    assert {(s.start, s.end) for s in store.suggestions(first, "layla")} == {
        (s.start, s.end) for s in window.article.suggestions
    }
    assert window.statusBar().currentMessage().startswith("Propagation stored")


def test_the_crf_trains_in_the_background_and_says_how_good_it_is(
    qtbot, file_window: MainWindow
) -> None:
    window = file_window
    _tag_word(qtbot, window, "بوتين", Qt.Key.Key_1)
    with qtbot.waitSignal(window.assistant.crf_trained, timeout=60_000) as trained:
        assert window.assistant.train_crf()
        assert not window.assistant.train_crf()  # one training at a time
    (line,) = trained.args
    assert line.startswith("CRF")
    assert window.assistant.crf_label.text() == line
    # One document with entities: too few to cross-validate, so it suggests nothing.
    assert not window.assistant.crf.useful
    assert all(s.source != "crf" for s in window.article.suggestions)


def test_the_gazetteer_suggests_names_labelled_elsewhere_and_the_seed_in_a_new_document(
    qtbot, file_window: MainWindow
) -> None:
    window = file_window
    store = window.session.store
    _tag_word(qtbot, window, "بوتين", Qt.Key.Key_1)
    # Learned names need two agreeing occurrences: the others, by Annotate all.
    assert window.assistant.annotate_all() >= 1
    second = store.document_ids()[1]
    window.session.open_document(second)
    qtbot.waitUntil(lambda: not window.loading)
    text = window.session.document.text
    with qtbot.waitSignal(window.assistant.suggestions_shown, timeout=30_000):
        assert window.assistant.suggest_from_gazetteer()
    found = {(text[s.start : s.end], s.label, s.source) for s in window.article.suggestions}
    assert ("بوتين", "PER", "gazetteer") in found  # labelled in the first document
    assert ("الصين", "GPE", "gazetteer") in found  # a CLDR territory


def test_a_large_edit_on_a_slow_document_propagates_in_the_background(
    qtbot, make_window: MakeWindow, tmp_path: Path
) -> None:
    store = Store.open(tmp_path / "many.db")
    text = " ".join(f"زار بوتين الصين يوم {n}." for n in range(60))
    doc_id = store.add_document(text, "many")
    window = make_window(store, doc_id)
    try:
        _tag_word(qtbot, window, "بوتين", Qt.Key.Key_1)
        assert len(window.article.suggestions) == 59  # one edit: its name only
        window.assistant._slow.add(doc_id)  # as if propagating it all took over 50 ms
        with qtbot.waitSignal(window.assistant.suggestions_shown, timeout=30_000):
            # 59 entities at once: past the incremental limit, the whole document.
            assert window.assistant.annotate_all() == 59
            assert window._tasks  # the key press returned before the work was done
        assert len(window.article.suggestions) == 0
        with qtbot.waitSignal(window.assistant.suggestions_shown, timeout=30_000):
            window.session.undo_stack().undo()
        qtbot.waitUntil(lambda: not window._tasks)
        assert window.article.suggestions.items == store.suggestions(doc_id, "layla")
        assert len(window.article.suggestions) == 59
    finally:
        window.wait_for_tasks()
        store.close()


def _layer(window: MainWindow) -> set[tuple[int, int, str, str, float]]:
    return {
        (s.start, s.end, s.label, s.source, round(s.score, 4)) for s in window.article.suggestions
    }


def test_propagation_per_edit_draws_what_propagating_the_whole_document_stores(
    qtbot, seeded_window: MainWindow
) -> None:
    """Each edit redraws only its names' mentions; the layer is what a full
    propagation over the document stores, after tagging, relabelling, accepting,
    rejecting, deleting and undoing."""
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    assistant = window.assistant

    def check() -> None:
        drawn = _layer(window)
        assert drawn == {
            (s.start, s.end, s.label, s.source, round(s.score, 4))
            for s in store.suggestions(doc_id, "layla")
        }
        assistant.propagate_document()  # the whole document, stored and read back
        assert _layer(window) == drawn

    _tag_word(qtbot, window, "الصين", Qt.Key.Key_3)
    check()
    _tag_word(qtbot, window, "بيسكوف", Qt.Key.Key_1)
    check()
    _tag_word(qtbot, window, "بكين", Qt.Key.Key_3)
    check()
    _tag_word(qtbot, window, "الكرملين", Qt.Key.Key_2)
    check()
    # Relabel the second الكرملين by hand: the name's label is now split.
    _tag_word(qtbot, window, "الكرملين", Qt.Key.Key_3, occurrence=1)
    check()
    qtbot.keyClick(window.article, Qt.Key.Key_F8)
    qtbot.keyClick(window.article, Qt.Key.Key_Return)  # accept one
    check()
    qtbot.keyClick(window.article, Qt.Key.Key_Backspace)  # reject the next
    check()
    window.session.delete(next(iter(_entities_named(window, "بكين"))).uuid)
    check()
    stack = window.session.undo_stack()
    while stack.canUndo():
        stack.undo()
        check()
    assert store.annotations(doc_id) == []
    assert window.article.suggestions.items == []


def _entities_named(window: MainWindow, name: str) -> list[Entity]:
    text = window.session.document.text
    return [
        a
        for a in window.session.annotations()
        if isinstance(a, Entity) and text[a.span.start : a.span.end] == name
    ]


def test_shift_enter_accepts_the_source_above_the_threshold_only(
    qtbot, emoji_window: MainWindow
) -> None:
    window = emoji_window
    store, doc_id = window.session.store, window.session.document.id
    _tag_word(qtbot, window, "الصين", Qt.Key.Key_3)
    scores = sorted({round(s.score, 4) for s in window.article.suggestions})
    assert len(scores) >= 2  # the same words score above the words behind a proclitic
    window.assistant.threshold = scores[-1]
    qtbot.keyClick(window.article, Qt.Key.Key_F8)
    high = [s for s in window.article.suggestions if s.score >= scores[-1]]
    low = [s for s in window.article.suggestions if s.score < scores[-1]]
    qtbot.keyClick(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    stored = {(e.span.start, e.span.end) for e in store.annotations(doc_id)}
    assert {(s.start, s.end) for s in high} <= stored
    assert not {(s.start, s.end) for s in low} & stored
    assert {(s.start, s.end) for s in window.article.suggestions} == {(s.start, s.end) for s in low}


def test_suggested_quotes_are_drawn_and_enter_stores_one_with_its_cue(
    qtbot, seeded_window: MainWindow
) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    text = window.session.document.text
    window.assistant.quotes_action.trigger()
    quotes = [s for s in window.article.suggestions if s.layer == "quote"]
    assert quotes
    assert quotes == [s for s in store.suggestions(doc_id, "layla") if s.layer == "quote"]
    # Peskov's first statement: cue قال (not وقال), content after إن.
    cue_at = text.index("وقال ديمتري") + 1
    peskov = next(
        s for s in quotes if s.proposal.cue is not None and s.proposal.cue.start == cue_at
    )
    assert text[peskov.proposal.cue.start : peskov.proposal.cue.end] == "قال"
    window.article.select_range(peskov.start, peskov.end)
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    (stored,) = store.annotations(doc_id, "layla", "quote")
    assert (stored.content, stored.cue, stored.kind) == (
        peskov.proposal.content,
        peskov.proposal.cue,
        peskov.proposal.kind,
    )
    assert peskov.id not in {s.id for s in window.article.suggestions}


def test_switching_the_language_while_a_long_document_warms_up_does_not_crash(
    qtbot, qapp, tmp_path: Path, prefs, font_family: str
) -> None:
    # The warm-up thread (word index, vocabulary) belongs to the window being
    # replaced: the window must not be deleted while it runs.
    from gui.app import AnnotatorApp, remove_translators
    from gui.fonts import ArabicFont
    from gui.session import AnnotationSession

    store = Store.open(tmp_path / "long.db")
    doc_id = store.add_document((EMOJI_TEXT + "\n") * 800, "long")
    session = AnnotationSession(store, prefs.annotator)
    controller = AnnotatorApp(qapp, session, prefs, ArabicFont(font_family), [])
    try:
        controller.window.show()
        for _ in range(3):
            assert session.open_document(doc_id)
            qtbot.waitUntil(lambda: not controller.window.loading)
            # The replaced windows are deleted by the event loop (deleteLater).
            controller.on_window_language_change_requested("ar")
            controller.on_window_language_change_requested("en")
            qtbot.wait(1)
        qtbot.addWidget(controller.window)
        controller.window.wait_for_tasks()
        assert controller.window.session.document.id == doc_id
    finally:
        controller.window.wait_for_tasks()
        remove_translators(qapp, controller._translators)
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        store.close()


@pytest.mark.parametrize(("word", "stem"), [("لبكين", "بكين"), ("وبوتين", "بوتين")])
def test_a_mouse_drag_over_a_clitic_joined_word_proposes_its_stem(
    qtbot, emoji_window: MainWindow, word: str, stem: str
) -> None:
    window = emoji_window
    store, doc_id = window.session.store, window.session.document.id
    at = _word_at(window.session.document.text, word)
    # From inside the word, past the proclitic, to its last letter but one.
    _drag(qtbot, window, at + 2, at + len(word) - 2)
    clitic = len(word) - len(stem)
    assert window.article.selected_range() == (at + clitic, at + len(word))
    cursor = window.article.textCursor()  # UTF-16: one more than code points (emoji)
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (
        at + clitic + 1,
        at + len(word) + 1,
    )
    qtbot.keyClick(window.article, Qt.Key.Key_W)  # the whole word, if asked
    assert _selected_text(window) == word
    qtbot.keyClick(window.article, Qt.Key.Key_W)
    qtbot.keyClick(window.article, Qt.Key.Key_1)
    (entity,) = store.annotations(doc_id, "layla", "entity")
    assert entity.span == Span(at + clitic, at + len(word))


def test_a_double_click_on_the_cue_of_a_quote_stores_the_verb_without_its_conjunction(
    qtbot, emoji_window: MainWindow
) -> None:
    from corpus.model import Quote

    window = emoji_window
    store, doc_id = window.session.store, window.session.document.id
    text = window.session.document.text
    # وقال إن بوتين سيزور الصين: the content by keyboard-free selection, Q, no speaker.
    content_at = text.index("بوتين سيزور")
    content_end = text.index("الصين.", content_at) + len("الصين")
    window.article.select_range(content_at, content_end)
    qtbot.keyClick(window.article, Qt.Key.Key_Q)
    qtbot.keyClick(window.article, Qt.Key.Key_Return)  # no speaker
    cue_at = _word_at(text, "وقال")
    _double_click(qtbot, window, cue_at + 2)
    assert _selected_text(window) == "قال"
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    qtbot.keyClick(window.article, Qt.Key.Key_I)
    (quote,) = store.annotations(doc_id, "layla", "quote")
    assert isinstance(quote, Quote)
    assert quote.cue == Span(cue_at + 1, cue_at + 4)
    assert text[quote.cue.start : quote.cue.end] == "قال"
    assert quote.content == Span(content_at, content_end)


def test_the_keyboard_help_lists_the_assistance_keys(qtbot, emoji_window: MainWindow) -> None:
    from gui.window import ShortcutsDialog

    window = emoji_window
    dialog = ShortcutsDialog(window.shortcuts, window)
    qtbot.addWidget(dialog)
    rows = {
        dialog.table.item(row, 0).text(): dialog.table.item(row, 1).text()
        for row in range(dialog.table.rowCount())
    }
    listed = {key for keys in rows for key in keys.split(", ")}
    for key in ("W", "F8", "Shift+F8", "Return", "Backspace", "Shift+Return", "Ctrl+Shift+A"):
        assert key in listed, key
    assert "proclitics" in rows["W"]
    assert "suggestion" in rows["Backspace"]


def test_the_status_bar_shows_the_crfs_cross_validated_figures(emoji_window: MainWindow) -> None:
    from corpus.suggest.crf import CrfRecommender, CrfReport

    assistant = emoji_window.assistant
    recommender = CrfRecommender()
    for useful, verdict in ((False, "not suggesting yet"), (True, "suggesting")):
        recommender._report = CrfReport(
            precision=0.81,
            recall=0.44,
            f1=0.57,
            folds=5,
            documents=40,
            tokens=21_000,
            entities=900,
            seconds=13.0,
            cpu_seconds=12.5,
            useful=useful,
        )
        assistant.on_crf_trained(recommender)
        assert assistant.crf_label.text() == (
            f"CRF (5-fold, 900 entities): precision 0.81, recall 0.44, F1 0.57, {verdict}"
        )
    assert "0.70" in assistant.crf_label.toolTip()  # the corpus' threshold


def test_a_drag_that_starts_inside_the_selected_suggestion_selects_anew(
    qtbot, emoji_window: MainWindow
) -> None:
    # F8 selects a suggestion; dragging from inside it makes a new selection (a
    # read-only text view would otherwise start dragging the selected text away).
    window = emoji_window
    text = window.session.document.text
    _tag_word(qtbot, window, "الصين", Qt.Key.Key_3)
    qtbot.keyClick(window.article, Qt.Key.Key_F8)
    selected = window.article.selected_range()
    assert selected is not None
    start = selected[0]
    last = text.index("جيدا", start) + 2
    _drag(qtbot, window, start + 1, last)
    assert _selected_text(window) == text[start : text.index("جيدا", start) + len("جيدا")]


def test_the_crf_is_trained_in_a_child_process_and_comes_back_whole(seed_text: str) -> None:
    from corpus.suggest.crf import CrfRecommender
    from gui import crf_process

    at = seed_text.index("الكرملين")
    entities = [Entity("e1", 1, "layla", Span(at, at + len("الكرملين")), "ORG")]
    recommender, found = crf_process.train_in_child([(seed_text, entities)], 1, "layla", seed_text)
    assert isinstance(recommender, CrfRecommender)
    assert recommender.report is not None and recommender.report.entities == 1
    assert found == []  # one document: too few to cross-validate, so not useful
    # The model came back with it: it tags here.
    assert isinstance(recommender.predict(seed_text), list)


def test_a_failed_crf_training_is_said_and_the_next_one_may_run(
    qtbot, file_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gui import crf_process

    def broken(*_args: object, **_kwargs: object) -> None:
        raise crf_process.CrfTrainingError("CRF training failed: no memory")

    monkeypatch.setattr(crf_process, "train_in_child", broken)
    window = file_window
    assert window.assistant.train_crf()
    qtbot.waitUntil(lambda: not window._tasks)
    qtbot.waitUntil(lambda: not window.assistant._training)
    assert window.statusBar().currentMessage() == "CRF training failed: no memory"
    assert window.assistant.crf is None


def test_background_work_that_ends_after_the_window_closed_is_dropped(
    qtbot, make_window: MakeWindow, tmp_path: Path
) -> None:
    store = Store.open(tmp_path / "closing.db")
    doc_id = store.add_document(EMOJI_TEXT, "emoji")
    window = make_window(store, doc_id)
    _tag_word(qtbot, window, "بوتين", Qt.Key.Key_1)
    shown: list[int] = []
    window.assistant.suggestions_shown.connect(shown.append)
    assert window.assistant.train_crf()
    with qtbot.waitSignal(window._tasks[-1].finished, timeout=60_000):
        window.close()  # stops the training; what it sends back is queued
    store.close()
    qtbot.wait(0)  # the queued signals are delivered: none may read the closed store
    assert window.assistant.closed
    assert window.assistant.crf is None
    assert shown == []


def test_the_layer_updated_in_place_equals_the_layer_built_anew() -> None:
    import random

    from corpus.suggest.model import Suggestion
    from gui.suggestions import SuggestionLayer

    rng = random.Random(1)

    def made(i: int) -> Suggestion:
        start = rng.randrange(0, 200)
        span = Span(start, start + rng.randrange(1, 6))
        return Suggestion(Entity(f"u{i}", 1, "layla", span, "PER"), "propagate", 0.5, i)

    for _ in range(200):
        base = [made(i) for i in range(rng.randrange(0, 60))]
        layer = SuggestionLayer(base)
        dropping = [s for s in base if rng.random() < rng.choice((0.05, 0.5))]
        adding = [made(1000 + i) for i in range(rng.randrange(0, 30))]
        layer.update(dropping, adding)
        expected = SuggestionLayer([s for s in base if s not in dropping] + adding)
        assert layer.items == expected.items
        assert [s.start for s in layer] == [s.start for s in expected]
        for offset in range(0, 210, 7):  # lookups agree
            assert layer.between(offset, offset + 5) == expected.between(offset, offset + 5)
            assert layer.after(offset) == expected.after(offset)


def test_an_entity_tagged_while_the_document_loads_propagates_once_it_is_in(
    qtbot, make_window: MakeWindow, tmp_path: Path
) -> None:
    from corpus.model import NewDocument

    # Long enough to load in slices (and be indexed in the background).
    text = "\n".join(f"زار بوتين الصين يوم {n} وقال إن الصين شريك." for n in range(3000))
    store = Store.open(tmp_path / "long.db")
    starts = [i for i in range(len(text)) if text.startswith("الصين", i)]
    entities = tuple(
        Entity(f"e{i}", 0, "", Span(at, at + 5), "GPE") for i, at in enumerate(starts[1::2])
    )
    doc_id = store.add_documents(
        [NewDocument(text=text, title="long", annotations=entities)], annotator="layla"
    ).imported[0]
    window = make_window(store)
    try:
        assert window.session.open_document(doc_id)
        assert not window.session.loaded  # still coming in
        window.article.select_range(text.index("بوتين"), text.index("بوتين") + 5)
        qtbot.keyClick(window.article, Qt.Key.Key_1)
        assert window.article.suggestions.items == []  # nothing read far ahead meanwhile
        with qtbot.waitSignal(window.assistant.suggestions_shown, timeout=60_000):
            qtbot.waitUntil(lambda: window.session.loaded, timeout=60_000)
        qtbot.waitUntil(lambda: len(window.article.suggestions) == 2999, timeout=60_000)
        assert {text[s.start : s.end] for s in window.article.suggestions} == {"بوتين"}
    finally:
        window.wait_for_tasks()
        store.close()


def test_a_document_new_to_the_annotator_opens_with_gazetteer_names_and_quotes(
    qtbot, make_window: MakeWindow, prefs, tmp_path: Path
) -> None:
    prefs.suggest_in_new_documents = True
    store = Store.open(tmp_path / "first.db")
    done = store.add_document("التقى بوتين نظيره، ثم عاد بوتين إلى موسكو.", "done")
    for start in (i for i in range(40) if store.document(done).text.startswith("بوتين", i)):
        store.add_entity(done, "layla", start, start + len("بوتين"), "PER")
    store.set_status(done, "layla", "done")
    fresh_text = "وقال بوتين إن الصين شريك مهم، وزار وبوتين بكين."
    fresh = store.add_document(fresh_text, "new")
    started = store.add_document("زار بوتين الصين.", "started")
    store.set_status(started, "layla", "in_progress")
    window = make_window(store)
    try:
        window.session.open_document(fresh)
        assert window._tasks  # the first look runs in the background
        qtbot.waitUntil(lambda: not window._tasks, timeout=60_000)
        found = {
            (fresh_text[s.start : s.end], s.label, s.source) for s in window.article.suggestions
        }
        assert ("بوتين", "PER", "gazetteer") in found  # learned from the done document
        assert ("الصين", "GPE", "gazetteer") in found  # the CLDR seed
        # The second بوتين is behind و: the suggestion leaves the proclitic out.
        second = fresh_text.index("وبوتين") + 1
        assert any(
            (s.start, s.end, s.source) == (second, second + 5, "gazetteer")
            for s in window.article.suggestions
        )
        [quote] = [s for s in window.article.suggestions if s.source == "quotes"]
        assert fresh_text[quote.proposal.cue.start : quote.proposal.cue.end] == "قال"
        assert store.suggestions(fresh, "layla") == window.article.suggestions.items
        # A rejection is respected: opening again suggests nothing anew.
        china = next(s for s in store.suggestions(fresh, "layla") if s.label == "GPE")
        store.reject_suggestion(china.id, "layla")
        window.session.open_document(started)
        qtbot.waitUntil(lambda: not window.loading and not window._tasks)
        # A document the annotator has started gets no first suggestions.
        assert store.suggestions(started, "layla", "all") == []
        window.session.open_document(fresh)
        qtbot.waitUntil(lambda: not window.loading and not window._tasks)
        assert china.id not in {s.id for s in store.suggestions(fresh, "layla")}
        assert store.suggestion(china.id).state == "rejected"
        # Switched off (remembered), a new document opens without them.
        window.assistant.new_documents_action.setChecked(False)
        assert prefs.suggest_in_new_documents is False
        other = store.add_document("وقال بوتين إن موسكو جاهزة.", "other")
        window.session.open_document(other)
        qtbot.waitUntil(lambda: not window.loading and not window._tasks)
        assert store.suggestions(other, "layla", "all") == []
    finally:
        window.wait_for_tasks()
        store.close()
