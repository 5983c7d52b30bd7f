"""``jsonl`` export: one (document, annotator) a line, every span with its exact text.

A line looks like (keys always in this order; layers not exported are left out)::

    {"id": "…", "title": "…", "text": "…", "metadata": {…}, "annotator": "…",
     "status": "done",
     "entities": [{"id": UUID, "start": 0, "end": 5, "label": "PER", "text": "…"}],
     "quotes": [{"id": UUID, "kind": "direct", "content": SPAN, "cue": SPAN | null,
                 "speaker": REF | SPAN | null}],
     "stances": [{"id": UUID, "polarity": "oppose", "holder": REF | SPAN,
                  "target": REF | SPAN | {"topic": "…"}, "evidence": [SPAN, …]}]}

``--layer suggestions`` (exported alone) writes the same lines for (document, annotator)
pairs that have suggestions, the proposals in ``entities`` and ``quotes``, each with
``"source"``, ``"score"``, ``"suggestion"`` (its id in the store) and ``"state"`` added;
only open suggestions unless ``suggestion_state`` says otherwise, whatever the status of
the document (``status`` is the annotator's, as for the other layers).

where ``SPAN`` is ``{"start", "end", "text"}`` (code points, end-exclusive, ``text`` is
exactly ``text[start:end]``) and ``REF`` is ``{"entity": UUID, "start", "end", "text"}``:
the entity's id with its span, so that a consumer needs no lookup.

``id`` is the document's external id, or else its database id as a string. Reading the
file back (``tawsim import --format jsonl-annotated``) makes ``id`` the external id and
keeps the annotation UUIDs, so export → import into a fresh database → export gives the
same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from corpus.exporters import ExportOptions, ExportReport
from corpus.exporters.common import part_chooser, text_outputs
from corpus.model import Entity, Quote, Ref, Span, Stance, Topic
from corpus.options import SUGGESTIONS_LAYER
from corpus.store import AnnotatedDocument, Store

SUFFIX = ".jsonl"


def store_layers(layers: tuple[str, ...]) -> tuple[str, ...]:
    """The layers to read: quotes and stances need the entities their refs point at."""
    wanted = set(layers)
    if wanted & {"quote", "stance"}:
        wanted.add("entity")
    return tuple(layer for layer in ("entity", "quote", "stance") if layer in wanted)


def document_id(item: AnnotatedDocument) -> str:
    """The id a line carries: the external id, else the database id."""
    doc = item.document
    return doc.external_id if doc.external_id else str(doc.id)


def record(item: AnnotatedDocument, layers: tuple[str, ...]) -> dict[str, Any]:
    """The JSON object of one (document, annotator) pair, keys in a fixed order."""
    text = item.document.text
    entities = [a for a in item.annotations if isinstance(a, Entity)]
    spans_of = {e.uuid: e.span for e in entities}

    def span(value: Span) -> dict[str, Any]:
        return {"start": value.start, "end": value.end, "text": text[value.start : value.end]}

    def arg(value: Span | Ref | Topic | None) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, Span):
            return span(value)
        if isinstance(value, Topic):
            return {"topic": value.text}
        found = spans_of.get(value.uuid)
        if found is None:  # the store's references never leave the pair; be safe anyway
            return {"entity": value.uuid}
        return {"entity": value.uuid, **span(found)}

    line: dict[str, Any] = {
        "id": document_id(item),
        "title": item.document.title,
        "text": text,
        "metadata": item.document.metadata,
        "annotator": item.annotator,
        "status": item.status,
    }
    if "entity" in layers:
        line["entities"] = [
            {
                "id": e.uuid,
                "start": e.span.start,
                "end": e.span.end,
                "label": e.label,
                "text": text[e.span.start : e.span.end],
            }
            for e in entities
        ]
    if "quote" in layers:
        line["quotes"] = [
            {
                "id": q.uuid,
                "kind": q.kind,
                "content": span(q.content),
                "cue": arg(q.cue),
                "speaker": arg(q.speaker),
            }
            for q in item.annotations
            if isinstance(q, Quote)
        ]
    if "stance" in layers:
        line["stances"] = [
            {
                "id": s.uuid,
                "polarity": s.polarity,
                "holder": arg(s.holder),
                "target": arg(s.target),
                "evidence": [span(e) for e in s.evidence],
            }
            for s in item.annotations
            if isinstance(s, Stance)
        ]
    return line


def suggestion_records(
    store: Store, options: ExportOptions
) -> Iterator[tuple[AnnotatedDocument, dict[str, Any]]]:
    """The lines of the suggestions layer: each proposal as the other layers write an
    annotation, plus its source, score, suggestion id and state."""
    for found in store.iter_suggested(options.annotator, options.suggestion_state):
        status = store.status(found.document.id, found.annotator)
        proposals = [s.proposal for s in found.suggestions]
        item = AnnotatedDocument(found.document, found.annotator, status, list(proposals))
        line = record(item, ("entity", "quote"))
        by_uuid = {s.proposal.uuid: s for s in found.suggestions}
        for entry in (*line["entities"], *line["quotes"]):
            sug = by_uuid[entry["id"]]
            entry.update(source=sug.source, score=sug.score, suggestion=sug.id, state=sug.state)
        yield item, line


def count_exported(line: dict[str, Any]) -> int:
    return sum(len(line.get(key, ())) for key in ("entities", "quotes", "stances"))


def write(
    store: Store,
    out: Path,
    options: ExportOptions,
    progress: Callable[[int], None] | None = None,
) -> ExportReport:
    """Write one JSON object a line to ``out`` (or ``out``'s train/dev/test files).

    Each file is written beside its final name and renamed into place at the end, so an
    export that fails half-way leaves any earlier file untouched.

    Raises:
        UserError: an output path that cannot be written, or an unknown annotator.
    """
    report = ExportReport()
    with text_outputs(out, SUFFIX, options.split) as (paths, files):
        encode = json.JSONEncoder(ensure_ascii=False).encode
        read_layers = store_layers(options.layers)
        part_for = part_chooser(
            store, options.annotator, options.status, options.split, options.seed
        )
        items = (
            suggestion_records(store, options)
            if SUGGESTIONS_LAYER in options.layers
            else (
                (item, record(item, options.layers))
                for item in store.iter_annotated(options.annotator, options.status, read_layers)
            )
        )
        for item, line in items:
            part = part_for(item.document.sha256)
            files[part].write(encode(line))
            files[part].write("\n")
            report.documents += 1
            report.annotations += count_exported(line)
            if progress is not None and report.documents % 256 == 0:
                progress(report.documents)
    if progress is not None:
        progress(report.documents)
    report.files = [str(p) for p in paths.values()]
    return report
