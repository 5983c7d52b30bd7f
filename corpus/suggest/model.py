"""What a suggestion is: a proposed annotation with where it came from and how sure it is.

Suggestions are their own layer: they live apart from the annotations, are drawn
distinctly, are never exported as gold, and become an annotator's annotation only when
that annotator accepts them (a rejected one is remembered and not suggested again).
"""

from __future__ import annotations

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
