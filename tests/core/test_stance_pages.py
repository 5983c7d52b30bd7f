"""Store.stances_after: a document's stances a page at a time, in the order of
Store.annotations, none skipped or repeated when stances go or come between pages."""

from __future__ import annotations

from corpus.model import Span, Stance, Topic
from corpus.store import Store


def _stances(store: Store, count: int) -> tuple[int, list[Stance]]:
    doc_id = store.add_document("قال الوزير إن العلاقات جيدة مع الصين وروسيا", "stances")
    made = [
        store.add_stance(
            doc_id, "layla", Span(4, 10), Topic(f"موضوع {i}"), "support", (Span(0, 3),)
        )
        for i in range(count)
    ]
    store.add_stance(doc_id, "omar", Span(4, 10), Topic("غيره"), "oppose")  # not layla's
    store.add_entity(doc_id, "layla", 4, 10, "PER")  # not a stance
    return doc_id, made


def test_pages_give_every_stance_once_in_the_order_of_annotations(store: Store) -> None:
    doc_id, made = _stances(store, 7)
    seen: list[Stance] = []
    after, pages = 0, []
    while True:
        page, after = store.stances_after(doc_id, "layla", after, 3)
        pages.append(len(page))
        seen += page
        if len(page) < 3:
            break
    assert pages == [3, 3, 1]
    assert seen == store.annotations(doc_id, "layla", "stance")
    assert {s.uuid for s in seen} == {s.uuid for s in made}


def test_a_stance_deleted_or_added_between_pages_skips_none_of_the_others(store: Store) -> None:
    doc_id, made = _stances(store, 6)
    first, after = store.stances_after(doc_id, "layla", 0, 3)
    store.delete(first[0].uuid)  # already read
    added = store.add_stance(doc_id, "layla", Span(0, 3), Topic("جديد"), "neutral")
    rest: list[Stance] = []
    while True:
        page, after = store.stances_after(doc_id, "layla", after, 3)
        rest += page
        if len(page) < 3:
            break
    assert [s.uuid for s in first + rest] == [s.uuid for s in made] + [added.uuid]
    # Past the last page: nothing, and the same place to ask after.
    assert store.stances_after(doc_id, "layla", after, 3) == ([], after)
