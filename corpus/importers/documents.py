"""Readers of plain documents: .txt files and folders, .jsonl and .csv.

Each reader is a generator of ``NewDocument`` or ``Rejection`` items, so a file with
a few bad records still imports the rest, and nothing is held in memory whole.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpus.importers.base import DecodeError, Rejection, decode, json_kind, new_document
from corpus.importers.records import json_lines
from corpus.model import NewDocument

Item = NewDocument | Rejection

TEXT_FIELDS = ("text", "content", "body", "article")
ID_FIELDS = ("id", "external_id", "doc_id", "uid")
TITLE_FIELDS = ("title", "headline")


# A plain-text title is shown on one line of the document list and above the article.
TXT_TITLE_LIMIT = 120


def txt_title(text: str, limit: int = TXT_TITLE_LIMIT) -> str:
    """The title of a plain-text article: its first non-empty line, or, when that is
    longer than ``limit`` characters (a first paragraph, not a headline), its words
    up to the last word boundary that fits, with an ellipsis. The text keeps the whole
    line either way."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].strip()
        if line:
            break
        start = end + 1
    else:
        return ""
    if len(line) <= limit:
        return line
    # At most limit - 1 characters, and the ellipsis.
    boundary = max(line.rfind(" ", 0, limit), line.rfind("\t", 0, limit))
    # One very long word: cut inside it rather than keep next to nothing.
    cut = line[:boundary] if boundary > limit // 2 else line[: limit - 1]
    return cut.rstrip(" \t،,;:.-") + "…"


def read_txt(path: Path) -> Iterator[Item]:
    """One document per file; the title is the first non-empty line (see ``txt_title``)."""
    try:
        text = decode(path.read_bytes(), str(path))
    except DecodeError as exc:
        yield Rejection(str(path), None, str(exc))
        return
    except OSError as exc:
        yield Rejection(str(path), None, f"cannot read: {exc.strerror or exc}")
        return
    yield new_document(text, str(path), None, title=txt_title(text), external_id=path.stem)


def _pick(
    record: dict[str, Any], chosen: str | None, defaults: tuple[str, ...]
) -> tuple[str | None, Any]:
    if chosen is not None:
        return chosen, record.get(chosen)
    for name in defaults:
        if name in record:
            return name, record[name]
    return None, None


def _record_to_document(
    record: dict[str, Any],
    source: str,
    line: int,
    text_field: str | None,
    id_field: str | None,
    title_field: str | None,
) -> Item:
    name, text = _pick(record, text_field, TEXT_FIELDS)
    if text is None:
        wanted = text_field or " or ".join(TEXT_FIELDS)
        return Rejection(source, line, f"missing text field {wanted!r}")
    id_name, external = _pick(record, id_field, ID_FIELDS)
    title_name, title = _pick(record, title_field, TITLE_FIELDS)
    # A title or id that is an object or a list would be stored as a Python repr.
    if title is not None and not isinstance(title, str):
        if isinstance(title, bool) or not isinstance(title, int | float):
            return Rejection(source, line, f"field {title_name!r}: {_not_scalar(title, 'title')}")
        title = str(title)
    if external is not None and (isinstance(external, bool) or not isinstance(external, str | int)):
        return Rejection(source, line, f"field {id_name!r}: {_not_scalar(external, 'id')}")
    if not isinstance(text, str):
        kind = json_kind(text)
        return Rejection(source, line, f"field {name!r}: the text must be a string, not {kind}")
    used = {name, id_name, title_name}
    metadata = {k: v for k, v in record.items() if k not in used}
    doc = new_document(
        text,
        source,
        line,
        title=title,
        external_id=None if external is None else str(external),
        metadata=metadata,
    )
    if isinstance(doc, Rejection):
        if doc.reason.startswith("title: "):
            return Rejection(source, line, f"field {title_name!r}: {doc.reason[7:]}")
        # A problem of the text names its field unless that is the usual "text".
        field = "" if name == "text" else f"field {name!r}: "
        return Rejection(source, line, f"{field}{doc.reason}")
    return doc


def _not_scalar(value: Any, what: str) -> str:
    allowed = "a string" if what == "title" else "a string or an integer"
    return f"the {what} must be {allowed}, not {json_kind(value)}"


def read_jsonl(
    path: Path,
    text_field: str | None = None,
    id_field: str | None = None,
    title_field: str | None = None,
) -> Iterator[Item]:
    """One JSON object per line; blank lines are skipped.

    A file that is one JSON array of objects (``[{...}, {...}]``) is imported whole,
    each object with the line it starts on. Values JSON does not allow (``NaN``,
    ``Infinity``), duplicate keys and too deep nesting reject their line.
    """
    for item in json_lines(path):
        if isinstance(item, Rejection):
            yield item
            continue
        number, record = item
        if not isinstance(record, dict):
            yield Rejection(str(path), number, "a line must hold a JSON object")
            continue
        yield _record_to_document(record, str(path), number, text_field, id_field, title_field)


def read_csv(
    path: Path,
    text_field: str | None = None,
    id_field: str | None = None,
    title_field: str | None = None,
) -> Iterator[Item]:
    """A header row, then one document per row (quoted fields may span lines)."""
    try:
        data = decode(path.read_bytes(), str(path))
    except DecodeError as exc:
        yield Rejection(str(path), None, str(exc))
        return
    except OSError as exc:
        yield Rejection(str(path), None, f"cannot read: {exc.strerror or exc}")
        return
    csv.field_size_limit(sys.maxsize)
    reader = csv.reader(io.StringIO(data, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        yield Rejection(str(path), 1, "empty CSV file: no header row")
        return
    except csv.Error as exc:
        yield Rejection(str(path), 1, f"malformed CSV header: {exc}")
        return
    if text_field and text_field not in header:
        yield Rejection(
            str(path), 1, f"no column {text_field!r} in the header ({', '.join(header)})"
        )
        return
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Rejection(str(path), line, f"malformed CSV row: {exc}")
            return
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Rejection(
                str(path), line, f"row has {len(row)} fields, the header has {len(header)}"
            )
            continue
        record = dict(zip(header, row, strict=True))
        yield _record_to_document(record, str(path), line, text_field, id_field, title_field)
