"""What a suggestion is: a proposed annotation with where it came from and how sure it is.

Suggestions are their own layer: they live apart from the annotations, are drawn
distinctly, are never exported as gold, and become an annotator's annotation only when
that annotator accepts them (a rejected one is remembered and not suggested again).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from corpus.model import Entity, Quote

SOURCES = ("propagate", "gazetteer", "quotes", "crf", "camel-ner")
Source = Literal["propagate", "gazetteer", "quotes", "crf", "camel-ner"]
STATES = ("open", "accepted", "rejected")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed entity or quote for one annotator of one document.

    ``proposal`` is the annotation that accepting would store (its uuid is fresh; a
    quote's speaker is a Span). ``score`` is in [0, 1]. ``id`` and ``state`` are the
    store's; a suggestion made by a recommender and not yet stored has ``id`` None.
    """

    proposal: Entity | Quote
    source: Source
    score: float
    id: int | None = None
    state: str = "open"

    @property
    def document_id(self) -> int:
        return self.proposal.document_id

    @property
    def layer(self) -> str:
        return self.proposal.layer

    @property
    def start(self) -> int:
        p = self.proposal
        return p.span.start if isinstance(p, Entity) else p.content.start

    @property
    def end(self) -> int:
        p = self.proposal
        return p.span.end if isinstance(p, Entity) else p.content.end

    @property
    def label(self) -> str:
        p = self.proposal
        return p.label if isinstance(p, Entity) else p.kind


def without_overlaps(
    suggestions: Iterable[Suggestion], annotations: Iterable[Entity | Quote]
) -> list[Suggestion]:
    """The suggestions that overlap no annotation of their own layer (an entity's span,
    a quote's content): what an annotator has tagged is not suggested over again."""
    spans: dict[str, list[tuple[int, int]]] = {"entity": [], "quote": []}
    for ann in annotations:
        span = ann.span if isinstance(ann, Entity) else ann.content
        spans[ann.layer].append((span.start, span.end))
    # Per layer: starts in order, and the furthest end reached by a span starting there
    # or before, so that one bisection answers "does anything before my end reach me?".
    layers: dict[str, tuple[list[int], list[int]]] = {}
    for layer, found in spans.items():
        found.sort()
        reach, furthest = [], -1
        for _, end in found:
            furthest = max(furthest, end)
            reach.append(furthest)
        layers[layer] = ([start for start, _ in found], reach)

    def overlaps(s: Suggestion) -> bool:
        starts, reach = layers.get(s.layer, ([], []))
        i = bisect.bisect_left(starts, s.end)
        return i > 0 and reach[i - 1] > s.start

    return [s for s in suggestions if not overlaps(s)]
