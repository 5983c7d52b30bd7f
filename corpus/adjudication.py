"""Adjudication: the annotators' variants of each annotation, and the ``gold`` layer.

A *curation item* groups what several annotators did at one place of a document:
entities whose spans overlap, quotes whose content spans overlap, stances with the
same holder and target (references resolved to their spans). Each distinct form is a
*variant*, with the annotators who chose it. Accepting a variant copies it into the
``gold`` annotator through the store's ordinary write path; rejecting one records
that gold does not take the item (and removes gold's copy, if any).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from corpus.agreement import Layers
from corpus.model import Annotation, Change, Edit, Entity, Layer, Quote, Ref, Span, Stance, Topic
from corpus.store import Store

GOLD = "gold"
ACCEPTED = "accepted"
REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Variant:
    """One form of an item, the annotators who chose it, and one of their annotations."""

    annotators: tuple[str, ...]
    annotation: Annotation
    summary: str


@dataclass(frozen=True, slots=True)
class Item:
    """What the annotators did at one place of a document."""

    document_id: int
    layer: Layer
    key: str
    span: Span | None
    variants: tuple[Variant, ...]
    annotators: tuple[str, ...]
    unanimous: bool
    gold: tuple[Annotation, ...]
    gold_variant: int | None
    rejected: bool

    @property
    def in_gold(self) -> bool:
        return bool(self.gold)

    @property
    def decision(self) -> str | None:
        """``accepted`` when gold holds the item, ``rejected`` when refused, else None."""
        if self.gold:
            return ACCEPTED
        return REJECTED if self.rejected else None


def curation_items(
    store: Store, doc_id: int, annotators: Sequence[str] | None = None
) -> list[Item]:
    """The document's curation items, disagreements first, then in text order.

    ``annotators`` defaults to everyone but gold who annotated the document.
    """
    doc = store.document(doc_id)
    every = store.annotations(doc_id)
    if annotators is None:
        names = sorted({a.annotator for a in every if a.annotator != GOLD})
    else:
        names = [n.strip() for n in annotators if n.strip() != GOLD]
    chosen = [a for a in every if a.annotator in names]
    gold = [a for a in every if a.annotator == GOLD]
    layers = Layers(doc.text, chosen + gold)
    rejected = store.curation_rejections(doc_id)
    items: list[Item] = []
    for layer in ("entity", "quote", "stance"):
        for group in _groups(layers, layer, chosen):
            items.append(_item(layers, doc_id, layer, group, gold, names, rejected))
    items.sort(key=lambda i: (i.unanimous, i.span.start if i.span else -1, i.layer, i.key))
    return items


def accept(store: Store, item: Item, variant: int = 0) -> Annotation:
    """Copy variant ``variant`` of ``item`` into gold, replacing gold's other take on it.

    A speaker, holder or target that pointed at the annotator's entity points at gold's
    entity of the same span, or becomes that span when gold has none.
    """
    chosen = item.variants[variant].annotation
    store.forget_curation_rejection(item.document_id, item.key)
    if isinstance(chosen, Entity):
        for old in item.gold:
            if isinstance(old, Entity) and old.span != chosen.span and _overlap(old, chosen):
                store.delete(old.uuid)
        return store.add_entity(
            item.document_id, GOLD, chosen.span.start, chosen.span.end, chosen.label
        )
    copy = replace(_repointed(store, chosen), uuid=_new_uuid(), annotator=GOLD)
    changes = [Change(old, None) for old in item.gold]
    changes.append(Change(None, copy))
    applied = store.apply(Edit(tuple(changes)))
    after = applied.changes[-1].after
    assert after is not None
    return after


def reject(store: Store, item: Item) -> None:
    """Record that gold does not take ``item``; gold's copy of it, if any, is removed."""
    for old in item.gold:
        store.delete(old.uuid)
    store.add_curation_rejection(item.document_id, item.key)


def accept_unanimous(store: Store, doc_id: int, annotators: Sequence[str] | None = None) -> int:
    """Accept every unanimous item gold does not hold yet and nobody rejected; returns
    how many. Entities go first so that quotes and stances can point at gold's."""
    accepted = 0
    for layer in ("entity", "quote", "stance"):
        for item in curation_items(store, doc_id, annotators):
            if item.layer == layer and item.unanimous and item.decision is None:
                accept(store, item, 0)
                accepted += 1
    return accepted


def describe(ann: Annotation, text: str) -> str:
    """A one-line account of an annotation for the curation table."""

    def words(arg: Span | Ref | Topic | None) -> str:
        if arg is None:
            return "—"
        if isinstance(arg, Topic):
            return arg.text
        if isinstance(arg, Span):
            return f"«{text[arg.start : arg.end]}»"
        return "→" + arg.uuid[:8]

    # The words first: a cell takes the direction of its first letters (Arabic here).
    if isinstance(ann, Entity):
        return f"{words(ann.span)} {ann.label}"
    if isinstance(ann, Quote):
        return f"{words(ann.content)} · {words(ann.speaker)} · {ann.kind}"
    return f"{words(ann.holder)} · {words(ann.target)} · {ann.polarity}"


def _new_uuid() -> str:
    import uuid

    return str(uuid.uuid4())


def _overlap(a: Entity, b: Entity) -> bool:
    return a.span.start < b.span.end and b.span.start < a.span.end


def _place_span(layers: Layers, arg: Any) -> Span | None:
    place = layers.place(arg)
    if isinstance(place, tuple) and place[0] == "span":
        return Span(int(place[1]), int(place[2]))
    return None


def _anchor(layers: Layers, ann: Annotation) -> Span | None:
    if isinstance(ann, Entity):
        return ann.span
    if isinstance(ann, Quote):
        return ann.content
    return _place_span(layers, ann.holder)


def _form(layers: Layers, ann: Annotation) -> Hashable:
    """What must be equal for two annotators to agree exactly (references as spans)."""
    if isinstance(ann, Entity):
        return (ann.span.start, ann.span.end, ann.label)
    if isinstance(ann, Quote):
        cue = (ann.cue.start, ann.cue.end) if ann.cue else None
        return (ann.content.start, ann.content.end, ann.kind, cue, layers.place(ann.speaker))
    evidence = tuple(sorted((e.start, e.end) for e in ann.evidence))
    return (ann.polarity, evidence)


def _stance_key(layers: Layers, ann: Stance) -> Hashable:
    return (layers.place(ann.holder), layers.place(ann.target))


def _groups(layers: Layers, layer: str, chosen: Sequence[Annotation]) -> list[list[Annotation]]:
    mine = [a for a in chosen if a.layer == layer]
    if layer == "stance":
        keyed: dict[Hashable, list[Annotation]] = {}
        for ann in mine:
            assert isinstance(ann, Stance)
            keyed.setdefault(_stance_key(layers, ann), []).append(ann)
        return list(keyed.values())
    # Overlapping spans chain into one group: sweep in start order.
    spans = sorted(mine, key=lambda a: (_span_of(a).start, _span_of(a).end))
    groups: list[list[Annotation]] = []
    reach = -1
    for ann in spans:
        span = _span_of(ann)
        if groups and span.start < reach:
            groups[-1].append(ann)
            reach = max(reach, span.end)
        else:
            groups.append([ann])
            reach = span.end
    return groups


def _span_of(ann: Annotation) -> Span:
    if isinstance(ann, Entity):
        return ann.span
    assert isinstance(ann, Quote)
    return ann.content


def _in_group(layers: Layers, ann: Annotation, group: Sequence[Annotation]) -> bool:
    if ann.layer != group[0].layer:
        return False
    if isinstance(ann, Stance):
        first = group[0]
        assert isinstance(first, Stance)
        return _stance_key(layers, ann) == _stance_key(layers, first)
    span = _span_of(ann)
    return any(span.start < _span_of(o).end and _span_of(o).start < span.end for o in group)


def _item(
    layers: Layers,
    doc_id: int,
    layer: str,
    group: list[Annotation],
    gold: Sequence[Annotation],
    names: Sequence[str],
    rejected: set[str],
) -> Item:
    forms: dict[Hashable, list[Annotation]] = {}
    for ann in group:
        forms.setdefault(_form(layers, ann), []).append(ann)
    variants = tuple(
        Variant(
            tuple(sorted({a.annotator for a in anns})),
            anns[0],
            describe(anns[0], layers.text),
        )
        for anns in forms.values()
    )
    who = tuple(sorted({a.annotator for a in group}))
    per_annotator = [a.annotator for a in group]
    unanimous = (
        len(variants) == 1
        and set(who) == set(names)
        and len(per_annotator) == len(set(per_annotator))
    )
    mine = tuple(g for g in gold if _in_group(layers, g, group))
    gold_forms = {_form(layers, g) for g in mine}
    gold_variant = next((i for i, f in enumerate(forms) if f in gold_forms), None)
    anchors = [s for s in (_anchor(layers, a) for a in group) if s is not None]
    span = Span(min(s.start for s in anchors), max(s.end for s in anchors)) if anchors else None
    key_source = json.dumps([layer, sorted(repr(f) for f in forms)], ensure_ascii=False)
    key = f"{layer}:{hashlib.sha1(key_source.encode('utf-8')).hexdigest()[:16]}"
    return Item(
        document_id=doc_id,
        layer=layer,  # type: ignore[arg-type]
        key=key,
        span=span,
        variants=variants,
        annotators=who,
        unanimous=unanimous,
        gold=mine,
        gold_variant=gold_variant,
        rejected=key in rejected,
    )


def _repointed(store: Store, ann: Annotation) -> Annotation:
    """``ann`` with references to its annotator's entities moved to gold's entity of the
    same span, or replaced by the span when gold has none."""

    def move(arg: Any) -> Any:
        if not isinstance(arg, Ref):
            return arg
        target = store.annotation(arg.uuid)
        assert isinstance(target, Entity)
        twin = store.entity_with_span(ann.document_id, GOLD, target.span)
        return Ref(twin.uuid) if twin else target.span

    if isinstance(ann, Quote):
        return replace(ann, speaker=move(ann.speaker))
    if isinstance(ann, Stance):
        return replace(ann, holder=move(ann.holder), target=move(ann.target))
    return ann
