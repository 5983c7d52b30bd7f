"""``doccano`` import: doccano's sequence-labelling JSONL.

One record a line, either shape doccano writes::

    {"text": "…", "label": [[start, end, "LABEL"], …]}                  (NER export)
    {"text": "…", "entities": [{"start_offset", "end_offset", "label"}, …],
     "relations": […]}                                                   (relation export)

``--text-field`` names another text field (doccano's import example uses
``column_data``); the spans are read from ``label``, ``labels`` or ``entities``, else
from the one field holding ``[start, end, label]`` triples (``column_label``). ``id``
(or ``--id-field``) becomes the external id; every other field (``meta``, comments,
relations, which have no place in the schema) is kept in the document's metadata.
``--tagset anercorp`` renames ANERcorp's labels (PERS → PER) as for CoNLL.

doccano counts offsets in UTF-16 code units, as the browser does; files written by
Python code count code points. The two differ only after a character outside the BMP
(an emoji): there ``--offsets`` decides, and ``auto`` takes the reading that puts the
record's spans on word edges (UTF-16 on a tie). Every span is checked against the
text; one that does not fit, or repeats another exactly, is rejected with the line
and the reason and the rest of the record still goes in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from corpus.importers import Format, ImportOptions, Item, register
from corpus.importers.base import Rejection, json_kind, new_document, premade_entity
from corpus.importers.offsets import SourceText, choose_unit, locate
from corpus.importers.records import json_records
from corpus.model import Entity
from corpus.tagsets import import_label

SPAN_FIELDS = ("label", "labels", "entities")


def _is_triple(item: Any) -> bool:
    return (
        isinstance(item, list)
        and len(item) == 3
        and all(isinstance(v, int) and not isinstance(v, bool) for v in item[:2])
    )


def _span_field(record: dict[str, Any], text_field: str) -> str | None:
    for name in SPAN_FIELDS:
        if name in record:
            return name
    candidates = [
        key
        for key, value in record.items()
        if key != text_field and isinstance(value, list) and value and all(map(_is_triple, value))
    ]
    return candidates[0] if len(candidates) == 1 else None


def _entries(value: Any) -> tuple[list[tuple[Any, Any, Any]], list[str]]:
    """``(start, end, label)`` of each span entry, and what could not be read as one."""
    spans: list[tuple[Any, Any, Any]] = []
    problems: list[str] = []
    if not isinstance(value, list):
        return spans, [f"spans must be a list, not {type(value).__name__}"]
    if value and all(isinstance(item, str) for item in value):
        return spans, [f"{value!r} are class labels, not spans (a text classification export?)"]
    for number, item in enumerate(value, 1):
        if isinstance(item, list) and len(item) == 3:
            spans.append((item[0], item[1], item[2]))
        elif isinstance(item, dict) and "label" in item:
            start = item.get("start_offset", item.get("start"))
            end = item.get("end_offset", item.get("end"))
            spans.append((start, end, item["label"]))
        else:
            shown = repr(item)[:60]
            problems.append(
                f"span {number} {shown} is not [start, end, label] nor "
                "{start_offset, end_offset, label} (a classification label?)"
            )
    return spans, problems


def read(path: Path, options: ImportOptions) -> Iterator[Item]:
    """Documents with their entities from one doccano JSONL file."""
    source = str(path)
    text_field = options.text_field or "text"
    id_field = options.id_field or "id"
    for item in json_records(path):
        if isinstance(item, Rejection):
            yield item
            continue
        line, record = item
        if not isinstance(record, dict):
            yield Rejection(
                source, line, f"a record must be a JSON object, not {type(record).__name__}"
            )
            continue
        if text_field not in record:
            fields = ", ".join(sorted(record)) or "none"
            yield Rejection(
                source, line, f"no {text_field!r} field (fields: {fields}); use --text-field"
            )
            continue
        yield from _record(record, line, source, text_field, id_field, options)


def _record(
    record: dict[str, Any],
    line: int,
    source: str,
    text_field: str,
    id_field: str,
    options: ImportOptions,
) -> Iterator[Item]:
    raw = record[text_field]
    external = record.get(id_field)
    title = record.get(options.title_field) if options.title_field else None
    # An id or title that is an object or a list would be stored as a Python repr.
    if external is not None and (isinstance(external, bool) or not isinstance(external, str | int)):
        kind = json_kind(external)
        yield Rejection(
            source, line, f"field {id_field!r}: the id must be a string or an integer, not {kind}"
        )
        return
    if title is not None and not isinstance(title, str):
        kind = json_kind(title)
        yield Rejection(
            source, line, f"field {options.title_field!r}: the title must be a string, not {kind}"
        )
        return
    span_field = _span_field(record, text_field)
    metadata: dict[str, Any] = {}
    for key, value in record.items():
        if key == text_field or (key == id_field and external is not None):
            continue
        if key == span_field and "relations" not in record:
            continue  # kept only when relations point at the spans' ids
        if key == "meta" and isinstance(value, dict):
            metadata.update(value)
        else:
            metadata[key] = value
    doc = new_document(
        raw,
        source,
        line,
        title=title if isinstance(title, str) else None,
        external_id=None if external is None else str(external),
        metadata=metadata,
    )
    if isinstance(doc, Rejection):
        yield doc
        return
    entries, problems = _entries(record[span_field]) if span_field else ([], [])
    for problem in problems:
        yield Rejection(source, line, f"{problem}: not imported")
    text = SourceText(raw)
    assert text.stored == doc.text
    if options.offsets != "auto":
        unit = options.offsets
    else:
        unit = choose_unit(text, [(s, e) for s, e, _ in entries], prefer="utf16")
    entities: list[Entity] = []
    seen: set[tuple[int, int, str]] = set()
    for start, end, label in entries:
        if not isinstance(label, str) or not label:
            yield Rejection(source, line, f"span [{start}, {end}): label {label!r} is not a name")
            continue
        found = locate(text, start, end, None, units=(unit,), inclusive=(False,))
        if isinstance(found, str):
            yield Rejection(source, line, f"{label} {found}: not imported")
            continue
        entity_key = (found.start, found.end, label)
        if entity_key in seen:
            yield Rejection(
                source, line, f"{label} span [{start}, {end}) repeats an earlier one: imported once"
            )
            continue
        seen.add(entity_key)
        entities.append(premade_entity(found.start, found.end, import_label(options.tagset, label)))
    if text.has_astral and entries:
        # Which reading was taken, for whoever wonders later where a span came from.
        doc = replace(doc, metadata={**doc.metadata, "offsets": unit})
    yield replace(doc, annotations=tuple(entities))


register(Format("doccano", (".jsonl", ".json"), read, annotated=True))
