"""``jsonl-annotated`` import: our own ``jsonl`` export read back.

One line, one record: ``text`` (required), ``id`` (becomes the external id), ``title``,
``metadata``, ``annotator``, ``status`` and the ``entities``, ``quotes`` and ``stances``
lists exactly as :mod:`corpus.exporters.jsonl` writes them. The labels and status go to
the line's ``annotator``, or all to ``--as-annotator`` when it is given; a text already
stored (same sha256) gets the labels of each further annotator, so that a
multi-annotator export imported into an empty database exports the same bytes again.
Annotation ids are kept (they are the UUIDs in the
database when free), and quotes and stances point at entities by those ids.

Every span is checked: ``0 <= start < end <= len(text)`` and, when the span object has
a ``text``, ``text[start:end]`` must equal it. A record with any fault is rejected whole
(file, line, which field and why) and the rest of the file still goes in. Unknown
top-level keys are ignored; unknown keys inside annotations are ignored too.
"""

from __future__ import annotations

import io
import json
import uuid as uuidlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from corpus.errors import ValidationError
from corpus.importers import Format, ImportOptions, Item, records, register
from corpus.importers.base import (
    DecodeError,
    Rejection,
    bom_encoding,
    decode,
    text_problem,
    title_from_text,
    utf16_without_bom,
)
from corpus.model import (
    STATUSES,
    Annotation,
    Entity,
    NewDocument,
    Quote,
    Ref,
    Span,
    Stance,
    Topic,
)
from corpus.store import annotator_name


class RecordError(Exception):
    """What is wrong with one record; the message names the field."""


def _span(text: str, data: Any, where: str) -> Span:
    if not isinstance(data, dict):
        raise RecordError(f"{where}: expected a span object {{start, end, text}}, got {data!r}")
    start, end = data.get("start"), data.get("end")
    if (
        not isinstance(start, int)
        or not isinstance(end, int)
        or isinstance(start, bool)
        or isinstance(end, bool)
    ):
        raise RecordError(f"{where}: start and end must be integers, got {start!r}, {end!r}")
    if not 0 <= start < end <= len(text):
        raise RecordError(
            f"{where}: span [{start}, {end}) does not fit a text of {len(text)} characters"
        )
    if "text" in data and data["text"] != text[start:end]:
        raise RecordError(
            f"{where}: text {data['text']!r} is not the text at [{start}, {end}), "
            f"which is {text[start:end]!r}"
        )
    return Span(start, end)


def _new_id(data: dict[str, Any], where: str, seen: set[str]) -> str:
    value = data.get("id")
    if value is None:
        return str(uuidlib.uuid4())
    if not isinstance(value, str) or not value.strip():
        raise RecordError(f"{where}: id must be a non-empty string, got {value!r}")
    if value in seen:
        raise RecordError(f"{where}: id {value!r} is used twice in this record")
    seen.add(value)
    return value


def _label(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise RecordError(f"{where}: {key} must be a non-empty string, got {value!r}")
    return value


def _list(record: dict[str, Any], key: str) -> list[Any]:
    value = record.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError(f"{key} must be a list, got {type(value).__name__}")
    return value


def parse_record(record: Any) -> NewDocument:
    """One decoded JSON line → a NewDocument with its annotations.

    Raises:
        RecordError: saying which field is wrong and why.
    """
    if not isinstance(record, dict):
        raise RecordError(f"a line must hold a JSON object, not {type(record).__name__}")
    text = record.get("text")
    problem = text_problem(text)
    if problem:
        raise RecordError(f"text: {problem}")
    assert isinstance(text, str)
    external = record.get("id")
    if isinstance(external, bool) or not isinstance(external, str | int | None):
        raise RecordError(f"id must be a string or an integer, got {external!r}")
    # A title present is kept as it is (even empty), so that a round trip changes nothing.
    title = record["title"] if "title" in record else title_from_text(text)
    if not isinstance(title, str):
        raise RecordError(f"title must be a string, got {title!r}")
    metadata = record.get("metadata", {})
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise RecordError(f"metadata must be an object, got {type(metadata).__name__}")
    status = record.get("status")
    if status is not None and status not in STATUSES:
        raise RecordError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    annotator = record.get("annotator")
    if annotator is not None:
        try:
            annotator = annotator_name(annotator)
        except ValidationError as exc:
            raise RecordError(f"annotator: {exc}") from None

    seen: set[str] = set()
    annotations: list[Annotation] = []
    entity_ids: set[str] = set()
    for i, data in enumerate(_list(record, "entities")):
        where = f"entities[{i}]"
        if not isinstance(data, dict):
            raise RecordError(f"{where}: expected an object, got {data!r}")
        uid = _new_id(data, where, seen)
        span = _span(text, data, where)
        annotations.append(Entity(uid, 0, "", span, _label(data, "label", where)))
        entity_ids.add(uid)

    def arg(data: Any, where: str, topic_ok: bool = False) -> Span | Ref | Topic:
        if isinstance(data, dict) and "entity" in data:
            ref = data["entity"]
            if ref in entity_ids:
                if "start" in data or "end" in data:
                    pointed = next(a for a in annotations if a.uuid == ref)
                    assert isinstance(pointed, Entity)
                    if _span(text, data, where) != pointed.span:
                        raise RecordError(
                            f"{where}: span [{data.get('start')}, {data.get('end')}) is not "
                            f"the span of entity {ref!r}"
                        )
                return Ref(ref)
            if "start" in data:
                # An entity that was not exported (--layer without entity): keep its span.
                return _span(text, data, where)
            raise RecordError(f"{where}: no entity with id {ref!r} in this record")
        if topic_ok and isinstance(data, dict) and "topic" in data:
            topic = data["topic"]
            if not isinstance(topic, str) or not topic.strip():
                raise RecordError(f"{where}: topic must be a non-empty string, got {topic!r}")
            return Topic(topic)
        return _span(text, data, where)

    for i, data in enumerate(_list(record, "quotes")):
        where = f"quotes[{i}]"
        if not isinstance(data, dict):
            raise RecordError(f"{where}: expected an object, got {data!r}")
        uid = _new_id(data, where, seen)
        content = _span(text, data.get("content"), f"{where}.content")
        cue = None if data.get("cue") is None else _span(text, data["cue"], f"{where}.cue")
        speaker = None if data.get("speaker") is None else arg(data["speaker"], f"{where}.speaker")
        assert not isinstance(speaker, Topic)
        annotations.append(Quote(uid, 0, "", content, _label(data, "kind", where), cue, speaker))

    for i, data in enumerate(_list(record, "stances")):
        where = f"stances[{i}]"
        if not isinstance(data, dict):
            raise RecordError(f"{where}: expected an object, got {data!r}")
        uid = _new_id(data, where, seen)
        if data.get("holder") is None or data.get("target") is None:
            raise RecordError(f"{where}: a stance needs a holder and a target")
        holder = arg(data["holder"], f"{where}.holder")
        assert not isinstance(holder, Topic)
        target = arg(data["target"], f"{where}.target", topic_ok=True)
        evidence_data = data.get("evidence") or []
        if not isinstance(evidence_data, list):
            raise RecordError(f"{where}.evidence: must be a list of spans")
        evidence = tuple(
            _span(text, e, f"{where}.evidence[{j}]") for j, e in enumerate(evidence_data)
        )
        annotations.append(
            Stance(uid, 0, "", holder, target, _label(data, "polarity", where), evidence)
        )

    return NewDocument(
        text=text,
        title=title,
        external_id=None if external is None else str(external),
        metadata=metadata,
        annotations=tuple(annotations),
        status=status,
        annotator=annotator,
    )


def read(path: Path, options: ImportOptions) -> Iterator[Item]:
    """Records of one ``.jsonl`` file; bad lines become Rejections (file, line, reason)."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Rejection(source, None, f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        head = handle.read(8192)
        handle.seek(0)
        if bom_encoding(head) is not None:
            # UTF-16/32 (with a byte-order mark) splits into lines only once decoded.
            try:
                text = decode(handle.read(), source)
            except DecodeError as exc:
                yield Rejection(source, None, str(exc))
                return
            yield from _records(io.BytesIO(text.encode("utf-8")), source)
            return
        guess = utf16_without_bom(head)
        if guess is not None:
            yield Rejection(source, None, guess)
            return
        yield from _records(handle, source)


def _records(handle: IO[bytes], source: str) -> Iterator[Item]:
    # A binary file splits on LF only: U+2028 and friends inside a text do not end a record.
    for number, raw in enumerate(handle, 1):
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        try:
            line = decode(raw, source)
        except DecodeError as exc:
            yield Rejection(source, number, str(exc))
            continue
        try:
            parsed = records.loads(line)  # strict: no NaN, no key twice, not too deep
        except json.JSONDecodeError as exc:
            yield Rejection(source, number, f"not valid JSON: {exc.msg} at column {exc.colno}")
            continue
        except records.JsonValueError as exc:
            yield Rejection(source, number, str(exc))
            continue
        try:
            doc = parse_record(parsed)
        except RecordError as exc:
            yield Rejection(source, number, str(exc))
            continue
        yield NewDocument(
            text=doc.text,
            title=doc.title,
            external_id=doc.external_id,
            source=source,
            line=number,
            metadata=doc.metadata,
            annotations=doc.annotations,
            status=doc.status,
            annotator=doc.annotator,
        )


register(Format("jsonl-annotated", (".jsonl",), read, annotated=True, own_annotator=True))
