"""Domain types of the corpus: documents, annotations and their arguments.

Offsets everywhere are Python code-point indices into the stored text,
half-open: ``[start, end)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, cast

from corpus.errors import ValidationError

LAYERS = ("entity", "quote", "stance")
STATUSES = ("todo", "in_progress", "done", "skipped")
Layer = Literal["entity", "quote", "stance"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's text (code points, end-exclusive)."""

    start: int
    end: int

    def __post_init__(self) -> None:
        # Typed int, but built from parsed files too: checked at run time.
        start, end = cast(object, self.start), cast(object, self.end)
        if not isinstance(start, int) or not isinstance(end, int):
            raise ValidationError(f"span offsets must be integers: {self.start!r}, {self.end!r}")
        if self.start < 0 or self.start >= self.end:
            raise ValidationError(
                f"span [{self.start}, {self.end}) is empty or negative (need 0 <= start < end)"
            )

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to an entity annotation of the same document, by UUID."""

    uuid: str

    def to_json(self) -> dict[str, Any]:
        return {"ref": self.uuid}


@dataclass(frozen=True, slots=True)
class Topic:
    """A free-text stance target that is not in the text, e.g. ``الحرب في أوكرانيا``."""

    text: str

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValidationError("a topic needs some text")

    def to_json(self) -> dict[str, Any]:
        return {"topic": self.text}


Arg = Span | Ref | Topic


def arg_from_json(data: dict[str, Any] | None) -> Arg | None:
    """Read back what ``Span/Ref/Topic.to_json`` wrote."""
    if data is None:
        return None
    if "ref" in data:
        return Ref(str(data["ref"]))
    if "topic" in data:
        return Topic(str(data["topic"]))
    return Span(int(data["start"]), int(data["end"]))


@dataclass(frozen=True, slots=True)
class Document:
    """An imported article. ``text`` never changes after import."""

    id: int
    external_id: str | None
    title: str
    text: str
    sha256: str
    source: str | None
    metadata: dict[str, Any]
    imported_at: str

    @property
    def length(self) -> int:
        return len(self.text)


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A light row of the document list: no text."""

    id: int
    external_id: str | None
    title: str
    sha256: str
    length: int
    status: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class NewDocument:
    """A document about to be imported, with where it came from (for error reports)."""

    text: str
    title: str = ""
    external_id: str | None = None
    source: str | None = None
    line: int | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    # Pre-made annotations (imports of annotated formats): their document_id and
    # annotator are filled in by the store; Refs point at uuids of this tuple.
    annotations: tuple[Annotation, ...] = ()
    # The importing annotator's status of the document, for annotated formats that
    # carry one (our own jsonl); None leaves it to the store (in_progress once labelled).
    status: str | None = None
    # Whose labels these are, for formats whose records say so (our own jsonl); None
    # gives them to the annotator the import names.
    annotator: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: a labelled span."""

    uuid: str
    document_id: int
    annotator: str
    span: Span
    label: str
    created_at: str = ""
    updated_at: str = ""
    layer: Literal["entity"] = "entity"

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


@dataclass(frozen=True, slots=True)
class Quote:
    """Who said what: content span, optional cue verb span, speaker, kind."""

    uuid: str
    document_id: int
    annotator: str
    content: Span
    kind: str
    cue: Span | None = None
    speaker: Span | Ref | None = None
    created_at: str = ""
    updated_at: str = ""
    layer: Literal["quote"] = "quote"


@dataclass(frozen=True, slots=True)
class Stance:
    """Who is for or against whom or what, and the words that show it."""

    uuid: str
    document_id: int
    annotator: str
    holder: Span | Ref
    target: Span | Ref | Topic
    polarity: str
    evidence: tuple[Span, ...] = ()
    created_at: str = ""
    updated_at: str = ""
    layer: Literal["stance"] = "stance"


Annotation = Entity | Quote | Stance


def annotation_to_json(ann: Annotation) -> dict[str, Any]:
    """A JSON-ready snapshot of an annotation (used by the event log and exports)."""
    base: dict[str, Any] = {
        "uuid": ann.uuid,
        "layer": ann.layer,
        "document_id": ann.document_id,
        "annotator": ann.annotator,
        "created_at": ann.created_at,
        "updated_at": ann.updated_at,
    }
    if isinstance(ann, Entity):
        base.update(start=ann.span.start, end=ann.span.end, label=ann.label)
    elif isinstance(ann, Quote):
        base.update(
            content=ann.content.to_json(),
            cue=ann.cue.to_json() if ann.cue else None,
            speaker=ann.speaker.to_json() if ann.speaker else None,
            kind=ann.kind,
        )
    else:
        base.update(
            holder=ann.holder.to_json(),
            target=ann.target.to_json(),
            polarity=ann.polarity,
            evidence=[e.to_json() for e in ann.evidence],
        )
    return base


def annotation_from_json(data: dict[str, Any]) -> Annotation:
    """Inverse of :func:`annotation_to_json`."""
    common = {
        "uuid": data["uuid"],
        "document_id": int(data["document_id"]),
        "annotator": data["annotator"],
        "created_at": data.get("created_at", ""),
        "updated_at": data.get("updated_at", ""),
    }
    layer = data["layer"]
    if layer == "entity":
        return Entity(span=Span(data["start"], data["end"]), label=data["label"], **common)
    if layer == "quote":
        content = arg_from_json(data["content"])
        cue = arg_from_json(data.get("cue"))
        speaker = arg_from_json(data.get("speaker"))
        assert isinstance(content, Span)
        assert cue is None or isinstance(cue, Span)
        assert not isinstance(speaker, Topic)
        return Quote(content=content, cue=cue, speaker=speaker, kind=data["kind"], **common)
    if layer == "stance":
        holder = arg_from_json(data["holder"])
        target = arg_from_json(data["target"])
        assert isinstance(holder, Span | Ref)
        assert target is not None
        evidence = tuple(Span(e["start"], e["end"]) for e in data.get("evidence", []))
        return Stance(
            holder=holder, target=target, polarity=data["polarity"], evidence=evidence, **common
        )
    raise ValidationError(f"unknown layer {layer!r}")


@dataclass(frozen=True, slots=True)
class Change:
    """One annotation's state before and after an edit (None: absent)."""

    before: Annotation | None
    after: Annotation | None

    @property
    def uuid(self) -> str:
        ann = self.after or self.before
        assert ann is not None
        return ann.uuid

    def inverted(self) -> Change:
        return Change(self.after, self.before)


@dataclass(frozen=True, slots=True)
class Edit:
    """What one user action changed; applying ``inverted()`` undoes it exactly."""

    changes: tuple[Change, ...]

    def inverted(self) -> Edit:
        return Edit(tuple(c.inverted() for c in reversed(self.changes)))


@dataclass(frozen=True, slots=True)
class Event:
    """One row of the append-only event log."""

    id: int
    at: str
    annotator: str | None
    document_id: int | None
    action: str
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    txn: str
