"""Opening a document with many annotations: the first screen with its marks at once,
marks and table rows filled in as the slices come and as the table is scrolled,
offsets and blocks worked out only as far as asked, and the collector kept off the
loaded annotations."""

from __future__ import annotations

import gc
import random
import re
import uuid
from bisect import bisect_right

import pytest

import gui.marks
from corpus.model import Entity, NewDocument, Quote, Span, Stance, Topic
from corpus.store import Store
from corpus.textpos import OffsetMap, to_utf16
from gui.marks import GrowingOffsets, MarkIndex
from gui.models import Role
from tests.gui.conftest import ANNOTATOR

PARAGRAPHS = 2_500  # eight words each: 20,000 entities


def _paragraph(i: int) -> str:
    # An astral character (two UTF-16 units) early and late in the text.
    smile = " 🙂" if i in (1, PARAGRAPHS - 1) else ""
    return f"قال المتحدث {i} إن الوفد وصل إلى موسكو{smile}"


def many_annotations(store: Store) -> tuple[int, str, list[Entity]]:
    """Every word an entity, some quotes and stances all along the text."""
    text = "\n".join(_paragraph(i) for i in range(PARAGRAPHS))
    entities = [
        Entity(str(uuid.uuid4()), 0, "", Span(m.start(), m.end()), "GPE")
        for m in re.finditer(r"[^\s🙂]+", text)
    ]
    quotes = [
        Quote(str(uuid.uuid4()), 0, "", entities[i + 3].span, "direct", entities[i].span)
        for i in range(0, len(entities), 400)
    ]
    stances = [
        Stance(
            str(uuid.uuid4()),
            0,
            "",
            entities[i].span,
            Topic("الوفد"),
            "support",
            (entities[i + 5].span,),
        )
        for i in range(0, len(entities), 700)
    ]
    outcome = store.add_documents(
        [NewDocument(text=text, title="many", annotations=(*entities, *quotes, *stances))],
        annotator=ANNOTATOR,
    )
    (doc_id,) = outcome.imported
    return doc_id, text, entities


def expected_formats(text: str, block: int, entities: list[Entity]) -> list[tuple[int, int]]:
    """(UTF-16 start in the block, UTF-16 length) of the entities of a block."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    begin = starts[block]
    end = starts[block + 1] - 1 if block + 1 < len(starts) else len(text)
    base = to_utf16(text, begin)
    return [
        (
            to_utf16(text, e.span.start) - base,
            to_utf16(text, e.span.end) - to_utf16(text, e.span.start),
        )
        for e in entities
        if begin <= e.span.start < end
    ]


def test_many_annotations_open_with_the_first_screen_then_fill_in_as_they_come(
    qtbot, make_window, store: Store
) -> None:
    doc_id, text, entities = many_annotations(store)
    stored = store.annotations(doc_id, ANNOTATOR)
    window = make_window(store)
    session, view = window.session, window.article
    table = window.annotation_models["entity"]
    totals: list[int] = []
    # Connected after the window's own slot: sees the table once it took the slice.
    session.annotations_arrived.connect(lambda _anns: totals.append(table.total))

    assert session.open_document(doc_id)
    assert not session.loaded
    in_hand = len(session.annotations())
    assert 0 < in_hand < len(stored) // 20
    view.viewport().repaint()
    assert view.unmarked_visible_blocks() == []
    first = view.document().firstBlock()
    assert [(r.start, r.length) for r in first.layout().formats()] == expected_formats(
        text, 0, entities
    )
    assert table.rowCount() == table.total <= table.PAGE

    with qtbot.waitSignal(session.annotations_loaded, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: not window.loading, timeout=60_000)
    # The table grew slice by slice, not in one go at the end.
    assert len(totals) >= 3
    assert totals == sorted(totals)
    assert totals[-1] == len(entities)
    assert len(session.annotations()) == len(stored)
    assert len(view.index) == len(stored)

    # Rows the view has not scrolled to are not in it yet; scrolling fetches them.
    assert table.total == len(entities)
    fetched = table.rowCount()
    assert fetched < table.total
    panel = window.annotation_panel
    panel.tabs.setCurrentWidget(panel.tables["entity"])
    panel.tables["entity"].scrollToBottom()
    qtbot.waitUntil(lambda: table.rowCount() > fetched, timeout=10_000)
    # Selecting the last entity brings its row in and makes it current.
    last = entities[-1]
    session.select(last.uuid)
    current = panel.tables["entity"].currentIndex()
    assert current.siblingAtColumn(0).data(Role.UUID) == last.uuid
    assert table.rowCount() == table.total

    # The last block, past an astral character, shows its marks in UTF-16.
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.viewport().repaint()
    assert view.unmarked_visible_blocks() == []
    last_block = view.document().lastBlock()
    assert [(r.start, r.length) for r in last_block.layout().formats()] == expected_formats(
        text, PARAGRAPHS - 1, entities
    )

    # The loaded annotations are left out of later collections.
    qtbot.waitUntil(lambda: gc.isenabled() and gc.get_freeze_count() >= len(stored))


def test_rows_that_sort_among_shown_ones_are_inserted_and_pending_rows_follow_edits(
    qtbot, make_window, store: Store
) -> None:
    doc_id, _text, entities = many_annotations(store)
    window = make_window(store, doc_id)
    table = window.annotation_models["entity"]
    assert table.canFetchMore()
    far = entities[-10]
    # Relabelled while its row waits to be fetched: the row follows.
    assert window.session.relabel(far.uuid, "PER")
    index = table.index_of(far.uuid)
    assert index.isValid()
    assert table.annotation_at(index).label == "PER"
    # Deleted: gone from the table, fetched or not.
    total = table.total
    window.session.select("")
    assert window.session.delete(entities[-3].uuid)
    assert table.total == total - 1
    while table.canFetchMore():
        table.fetchMore()
    uuids = [table.index(row, 0).data(Role.UUID) for row in range(table.rowCount())]
    assert entities[-3].uuid not in uuids
    assert len(uuids) == len(set(uuids)) == len(entities) - 1
    spans = [table.annotation_at(table.index(row, 0)).span for row in range(table.rowCount())]
    assert spans == sorted(spans, key=lambda s: (s.start, s.end))


@pytest.mark.parametrize("seed", range(3))
def test_offsets_and_blocks_worked_out_as_far_as_asked_match_a_full_scan(
    monkeypatch, seed: int
) -> None:
    monkeypatch.setattr(gui.marks, "_FIRST_SCAN", 5)
    rng = random.Random(seed)
    breaks = re.compile("[\n\r\u2029\ufdd0\ufdd1]")
    for _ in range(60):
        text = "".join(rng.choice("ab قال😀\n\r\u2029") for _ in range(rng.randrange(0, 200)))
        full = OffsetMap(text)
        offsets = list(range(len(text) + 2))
        rng.shuffle(offsets)
        growing = GrowingOffsets(text)
        assert [growing.to_utf16(o) for o in offsets] == [full.to_utf16(o) for o in offsets]
        positions = list(range(len(text.encode("utf-16-le")) // 2 + 2))
        rng.shuffle(positions)
        growing = GrowingOffsets(text)
        assert [growing.to_codepoint(p) for p in positions] == [
            full.to_codepoint(p) for p in positions
        ]
        starts = [0] + [m.end() for m in breaks.finditer(text)]
        index = MarkIndex(text)
        assert index.block_count == len(starts)
        assert [index.block_of(o) for o in offsets[:-1]] == [
            max(0, bisect_right(starts, o) - 1) for o in offsets[:-1]
        ]
        index = MarkIndex(text)
        blocks = list(range(len(starts)))
        rng.shuffle(blocks)
        for block in blocks:
            end = starts[block + 1] - 1 if block + 1 < len(starts) else len(text)
            assert index.block_range(block) == (starts[block], end)


def test_rows_that_sort_among_the_shown_ones_go_in_as_one_block_per_place(store) -> None:
    from corpus.model import Entity, Span
    from gui.models import AnnotationTableModel, Role

    text = "كلمة " * 400
    entities = [Entity(f"e{i:03}", 1, "layla", Span(5 * i, 5 * i + 4), "PER") for i in range(400)]
    model = AnnotationTableModel(store, "entity", lambda _uuid: None)
    # The first ten and one far along are shown (the far one read early, as a key
    # press on a span not loaded yet reads it).
    model.reset(text, [*entities[:10], entities[300]])
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.extend([*entities[10:300], *entities[301:]])
    # Everything before the far one went in as one block, the rest waits to be fetched.
    assert inserted[0] == (10, 299)
    while model.canFetchMore():
        model.fetchMore()
    uuids = [model.index(row, 0).data(Role.UUID) for row in range(model.rowCount())]
    assert uuids == [e.uuid for e in entities]


def test_segments_of_nested_marks_give_the_innermost_entity_and_every_layer() -> None:
    from corpus.model import Entity, Quote, Ref, Span, Stance, Topic
    from gui.marks import MarkIndex, StyleKey

    # An astral character first: UTF-16 positions run one ahead after it.
    text = "😀aaa bbbb cccc dddd"
    outer = Entity("e1", 1, "layla", Span(5, 14), "PER")
    inner = Entity("e2", 1, "layla", Span(10, 14), "ORG")
    quote = Quote("q", 1, "layla", Span(5, 19), "direct", Span(0, 4), Ref("e1"))
    stance = Stance("s", 1, "layla", Ref("e1"), Topic("t"), "support", (Span(12, 19),))
    index = MarkIndex(text)
    index.reset([outer, inner, quote, stance])
    assert index.segments(0) == [
        (0, 5, StyleKey(None, "direct", True, None)),
        (6, 5, StyleKey("PER", "direct", False, None)),
        (11, 2, StyleKey("ORG", "direct", False, None)),
        (13, 2, StyleKey("ORG", "direct", False, "support")),
        (15, 5, StyleKey(None, "direct", False, "support")),
    ]
