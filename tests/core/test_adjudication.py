"""Curation items across annotators, and the gold layer they are adjudicated into."""

from __future__ import annotations

import json
from pathlib import Path

from corpus.adjudication import GOLD, accept, accept_unanimous, curation_items, reject
from corpus.cli import main
from corpus.model import Entity, Quote, Ref, Span, Stance
from corpus.store import Store

TEXT = "قال محمد علي إن شركة أرامكو في الرياض تدعم الخطة"
MUHAMMAD = TEXT.index("محمد علي")
ARAMCO = TEXT.index("أرامكو")
RIYADH = TEXT.index("الرياض")
PLAN = TEXT.index("الخطة")


def _span(word: str) -> Span:
    start = TEXT.index(word)
    return Span(start, start + len(word))


def _team(store: Store) -> int:
    """ali and badr agree on Muhammad Ali; disagree on Aramco's label and Riyadh's span."""
    doc = store.add_document(TEXT, "خبر")
    for name in ("ali", "badr"):
        store.add_entity(doc, name, MUHAMMAD, MUHAMMAD + len("محمد علي"), "PER")
    store.add_entity(doc, "ali", ARAMCO, ARAMCO + len("أرامكو"), "ORG")
    store.add_entity(doc, "badr", ARAMCO, ARAMCO + len("أرامكو"), "GPE")
    store.add_entity(doc, "ali", RIYADH, RIYADH + len("الرياض"), "GPE")
    store.add_entity(doc, "badr", RIYADH + 2, RIYADH + len("الرياض"), "GPE")
    return doc


def test_items_group_by_span_and_put_disagreements_first() -> None:
    store = Store.memory()
    doc = _team(store)
    items = curation_items(store, doc)
    assert [(i.layer, i.span, i.unanimous) for i in items] == [
        ("entity", _span("أرامكو"), False),
        ("entity", _span("الرياض"), False),
        ("entity", _span("محمد علي"), True),
    ]
    aramco, riyadh, muhammad = items
    assert [(v.annotators, v.annotation.label) for v in aramco.variants] == [  # type: ignore[union-attr]
        (("ali",), "ORG"),
        (("badr",), "GPE"),
    ]
    assert [v.annotation.span for v in riyadh.variants] == [  # type: ignore[union-attr]
        _span("الرياض"),
        Span(RIYADH + 2, RIYADH + len("الرياض")),
    ]
    assert muhammad.annotators == ("ali", "badr")
    assert [v.annotators for v in muhammad.variants] == [("ali", "badr")]
    assert not any(i.in_gold for i in items)


def test_one_annotator_alone_is_not_unanimous() -> None:
    store = Store.memory()
    doc = _team(store)
    store.add_entity(doc, "ali", PLAN, PLAN + len("الخطة"), "MISC")
    plan = next(i for i in curation_items(store, doc) if i.span == _span("الخطة"))
    assert plan.annotators == ("ali",)
    assert not plan.unanimous
    # Judged between ali alone, it is.
    alone = curation_items(store, doc, ["ali"])
    assert all(i.unanimous for i in alone)


def test_accept_copies_the_chosen_variant_into_gold() -> None:
    store = Store.memory()
    doc = _team(store)
    aramco = curation_items(store, doc)[0]
    accept(store, aramco, 1)
    gold = store.annotations(doc, GOLD)
    assert [(a.span, a.label) for a in gold if isinstance(a, Entity)] == [(_span("أرامكو"), "GPE")]
    again = next(i for i in curation_items(store, doc) if i.key == aramco.key)
    assert again.in_gold and again.gold_variant == 1 and again.decision == "accepted"
    # Changing one's mind replaces gold's take, never doubles it.
    accept(store, again, 0)
    gold = store.annotations(doc, GOLD)
    assert [(a.span, a.label) for a in gold if isinstance(a, Entity)] == [(_span("أرامكو"), "ORG")]


def test_accepting_a_quote_repoints_its_speaker_at_golds_entity_or_its_span() -> None:
    store = Store.memory()
    doc = _team(store)
    content = _span("شركة أرامكو في الرياض تدعم الخطة")
    cue = _span("قال")
    for name in ("ali", "badr"):
        speaker = store.entity_with_span(doc, name, _span("محمد علي"))
        assert speaker is not None
        store.add_quote(doc, name, content, "indirect", cue, Ref(speaker.uuid))
        store.add_stance(doc, name, Ref(speaker.uuid), _span("الخطة"), "support")
    quote = next(i for i in curation_items(store, doc) if i.layer == "quote")
    assert quote.unanimous
    # Gold has no Muhammad Ali yet: the speaker becomes the span.
    accept(store, quote, 0)
    (copied,) = [a for a in store.annotations(doc, GOLD) if isinstance(a, Quote)]
    assert copied.speaker == _span("محمد علي") and copied.cue == cue and copied.content == content
    # Once gold has the entity, a later accept points at gold's own entity.
    gold_muhammad = store.add_entity(doc, GOLD, MUHAMMAD, MUHAMMAD + len("محمد علي"), "PER")
    stance = next(i for i in curation_items(store, doc) if i.layer == "stance")
    assert stance.unanimous
    accept(store, stance, 0)
    (taken,) = [a for a in store.annotations(doc, GOLD) if isinstance(a, Stance)]
    assert taken.holder == Ref(gold_muhammad.uuid)
    assert taken.target == _span("الخطة") and taken.polarity == "support"
    assert store.check() == []


def test_reject_is_remembered_across_reopening(tmp_path: Path) -> None:
    db = tmp_path / "team.tawsim"
    store = Store.open(db)
    doc = _team(store)
    riyadh = curation_items(store, doc)[1]
    accept(store, riyadh, 0)
    reject(store, next(i for i in curation_items(store, doc) if i.key == riyadh.key))
    store.close()
    store = Store.open(db)
    again = next(i for i in curation_items(store, doc) if i.key == riyadh.key)
    assert again.rejected and again.decision == "rejected" and not again.in_gold
    assert store.annotations(doc, GOLD) == []
    # Accepting after all clears the refusal.
    accept(store, again, 1)
    again = next(i for i in curation_items(store, doc) if i.key == riyadh.key)
    assert not again.rejected and again.gold_variant == 1
    store.close()


def test_accept_unanimous_takes_entities_then_the_quotes_pointing_at_them() -> None:
    store = Store.memory()
    doc = _team(store)
    content = _span("شركة أرامكو في الرياض تدعم الخطة")
    for name in ("ali", "badr"):
        speaker = store.entity_with_span(doc, name, _span("محمد علي"))
        assert speaker is not None
        store.add_quote(doc, name, content, "indirect", None, Ref(speaker.uuid))
    rejected_first = next(i for i in curation_items(store, doc) if i.layer == "quote")
    assert accept_unanimous(store, doc) == 2
    gold = store.annotations(doc, GOLD)
    entities = [a for a in gold if isinstance(a, Entity)]
    assert [(e.span, e.label) for e in entities] == [(_span("محمد علي"), "PER")]
    (quote,) = [a for a in gold if isinstance(a, Quote)]
    assert quote.speaker == Ref(entities[0].uuid)
    # Nothing left to do: a second run accepts nothing, and the disagreements stay open.
    assert accept_unanimous(store, doc) == 0
    open_items = [i for i in curation_items(store, doc) if i.decision is None]
    assert [i.span for i in open_items] == [_span("أرامكو"), _span("الرياض")]
    assert rejected_first.unanimous


def test_deleting_a_document_forgets_its_rejections() -> None:
    store = Store.memory()
    doc = _team(store)
    reject(store, curation_items(store, doc)[0])
    assert store.curation_rejections(doc)
    store.delete_document(doc)
    assert store.curation_rejections(doc) == set()


def test_a_rejected_unanimous_item_is_not_bulk_accepted() -> None:
    store = Store.memory()
    doc = _team(store)
    muhammad = curation_items(store, doc)[2]
    reject(store, muhammad)
    assert accept_unanimous(store, doc) == 0
    assert store.annotations(doc, GOLD) == []


def test_export_annotator_gold_writes_the_adjudicated_layer(tmp_path: Path) -> None:
    db = tmp_path / "team.tawsim"
    store = Store.open(db)
    doc = _team(store)
    accept_unanimous(store, doc)
    accept(store, curation_items(store, doc)[0], 0)  # Aramco: ORG, as ali had it
    store.set_status(doc, GOLD, "done")
    store.close()
    out = tmp_path / "gold.jsonl"
    assert main(["export", "--db", str(db), "--format", "jsonl", "--out", str(out),
                 "--annotator", "gold"]) == 0  # fmt: skip
    lines = out.read_bytes().decode("utf-8").splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["text"] == TEXT
    entities = [(e["start"], e["end"], e["label"]) for e in record["entities"]]
    assert entities == [
        (MUHAMMAD, MUHAMMAD + len("محمد علي"), "PER"),
        (ARAMCO, ARAMCO + len("أرامكو"), "ORG"),
    ]
    assert record["annotator"] == GOLD and record["status"] == "done"
    assert [e["text"] for e in record["entities"]] == ["محمد علي", "أرامكو"]
