"""Display names and short text snippets shown in the interface."""

from __future__ import annotations

from collections.abc import Callable

from corpus.model import Annotation, Entity, Quote, Ref, Span, Stance, Topic
from corpus.schema import LabelDef, Schema


def display_name(defs: tuple[LabelDef, ...], label: str, arabic: bool) -> str:
    """A label's name in the interface language (the label itself when unknown)."""
    for d in defs:
        if d.label == label:
            return d.name_ar if arabic else d.name_en
    return label


def snippet(text: str, span: Span, width: int = 48) -> str:
    """The words of a span on one line, shortened in the middle when long."""
    words = " ".join(text[span.start : span.end].split())
    if len(words) <= width:
        return words
    half = (width - 1) // 2
    return f"{words[:half]}…{words[-half:]}"


def argument_text(
    text: str,
    arg: Span | Ref | Topic | None,
    lookup: Callable[[str], Annotation | None],
) -> str:
    """A quote or stance argument as the user reads it: its words, or a topic."""
    if arg is None:
        return ""
    if isinstance(arg, Topic):
        return f"«{arg.text}»"
    if isinstance(arg, Ref):
        entity = lookup(arg.uuid)
        return snippet(text, entity.span, 32) if isinstance(entity, Entity) else "?"
    return snippet(text, arg, 32)


def label_defs(schema: Schema, ann: Annotation) -> tuple[LabelDef, ...]:
    """The schema definitions the annotation's label is one of."""
    if isinstance(ann, Entity):
        return schema.entities
    if isinstance(ann, Quote):
        return schema.quote_kinds
    assert isinstance(ann, Stance)
    return schema.polarities
