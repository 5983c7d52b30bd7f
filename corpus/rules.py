"""The annotation rules every front end shares, one function each.

Each rule turns what the store holds into the :class:`~corpus.model.Edit` that
carries out a user's action. The store applies edits (atomically, checking every
'before' state); the command line and the API go through the store's methods, the
window wraps the same edits in its undo commands. An edit without changes means
there is nothing to do. Whether a label is in the schema is checked once, when the
store applies the edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from corpus.model import Annotation, Change, Edit, Entity, Quote, Ref, Span, Stance, Topic

NOTHING = Edit(())


def label_of(ann: Annotation) -> str:
    """An entity's label, a quote's kind or a stance's polarity."""
    if isinstance(ann, Entity):
        return ann.label
    if isinstance(ann, Quote):
        return ann.kind
    return ann.polarity


def relabel_edit(ann: Annotation, label: str) -> Edit:
    """Give ``ann`` another label (entity label, quote kind or stance polarity).

    Nothing to do when it already has that label.
    """
    if label_of(ann) == label:
        return NOTHING
    after: Annotation
    if isinstance(ann, Entity):
        after = replace(ann, label=label)
    elif isinstance(ann, Quote):
        after = replace(ann, kind=label)
    else:
        after = replace(ann, polarity=label)
    return Edit((Change(ann, after),))


def tag_entity_edit(existing: Entity | None, new: Entity) -> Edit:
    """Tag words as the entity ``new``.

    ``existing`` is the entity the same annotator already has on exactly the same
    span of the same document, if any: tagging the same words again relabels it
    (or changes nothing when the label is the same) instead of adding a twin.
    """
    if existing is None:
        return Edit((Change(None, new),))
    if (existing.document_id, existing.annotator, existing.span) != (
        new.document_id,
        new.annotator,
        new.span,
    ):
        raise ValueError(f"entity {existing.uuid} is not on the words being tagged")
    return relabel_edit(existing, new.label)


def refers_to(ann: Annotation, uuid: str) -> bool:
    """Whether a quote or stance points at entity ``uuid``."""
    if isinstance(ann, Quote):
        return isinstance(ann.speaker, Ref) and ann.speaker.uuid == uuid
    if isinstance(ann, Stance):
        return any(isinstance(a, Ref) and a.uuid == uuid for a in (ann.holder, ann.target))
    return False


def without_refs(ann: Annotation, spans: Mapping[str, Span]) -> Annotation:
    """``ann`` with every reference to an entity of ``spans`` (uuid → its span)
    replaced by that span: the words stay when the entity goes."""

    def swap(arg: Span | Ref) -> Span | Ref:
        return spans.get(arg.uuid, arg) if isinstance(arg, Ref) else arg

    if isinstance(ann, Quote):
        return replace(ann, speaker=None if ann.speaker is None else swap(ann.speaker))
    if isinstance(ann, Stance):
        target = ann.target if isinstance(ann.target, Topic) else swap(ann.target)
        return replace(ann, holder=swap(ann.holder), target=target)
    return ann


def delete_edit(target: Annotation, others: Iterable[Annotation]) -> Edit:
    """Delete ``target``; quotes and stances among ``others`` that point at it keep
    its span instead, in the same edit (so one undo brings both back)."""
    changes: list[Change] = []
    if isinstance(target, Entity):
        changes.extend(
            Change(ann, without_refs(ann, {target.uuid: target.span}))
            for ann in others
            if refers_to(ann, target.uuid)
        )
    changes.append(Change(target, None))
    return Edit(tuple(changes))
