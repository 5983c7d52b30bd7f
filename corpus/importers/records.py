"""JSON records of a file, each with the line it starts on.

One reader for the shapes annotation tools write: JSON lines (doccano), a JSON array
of records (Label Studio), and one or more pretty-printed objects (Label Studio 0.x
completion files, doccano's example "jsonl" that spans 49 lines). JSON lines are read
line by line; the other shapes are parsed whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpus.importers.base import Rejection

Record = tuple[int, Any]


def _first_significant(data: bytes) -> bytes:
    stripped = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    return stripped[:1]


def json_records(path: Path) -> Iterator[Record | Rejection]:
    """``(line, value)`` for each record of ``path``; a Rejection for what cannot be read.

    A file that starts with ``[`` is one array whose items are the records; otherwise
    every line holds a record, unless the first one is not a complete JSON value, in
    which case the file is read as a sequence of (pretty-printed) JSON values.
    """
    source = str(path)
    try:
        with path.open("rb") as handle:
            first = _first_significant(handle.read(65536))
    except OSError as exc:
        yield Rejection(source, None, f"cannot read: {exc.strerror or exc}")
        return
    if first == b"[":
        yield from _array_file(path)
        return
    with path.open("rb") as handle:
        seen_record = False
        for number, raw in enumerate(handle, 1):
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Rejection(source, number, f"not valid UTF-8 at byte {exc.start} of the line")
                continue
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                if not seen_record:
                    seen_record = True
                    values = _pretty_values(path)
                    if values is not None:
                        yield from values
                        return
                yield Rejection(source, number, f"not valid JSON: {exc.msg} (column {exc.colno})")
                continue
            seen_record = True
            yield number, value


def _pretty_values(path: Path) -> list[Record] | None:
    """The JSON values of a file of pretty-printed values, or None if it is not one."""
    try:
        text = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    decoder = json.JSONDecoder()
    values: list[Record] = []
    at = _skip_space(text, 0)
    while at < len(text):
        try:
            value, end = decoder.raw_decode(text, at)
        except json.JSONDecodeError:
            return None
        values.append((text.count("\n", 0, at) + 1, value))
        at = _skip_space(text, end)
    return values


def _array_file(path: Path) -> Iterator[Record | Rejection]:
    source = str(path)
    data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        yield Rejection(source, line, f"not valid UTF-8 at byte {exc.start}")
        return
    at = _skip_space(text, 0)
    yield from _array_items(text, at + 1, json.JSONDecoder(), source)


def _array_items(
    text: str, at: int, decoder: json.JSONDecoder, source: str
) -> Iterator[Record | Rejection]:
    line, counted = 1 + text.count("\n", 0, at), at
    while True:
        at = _skip_space(text, at)
        if at < len(text) and text[at] == "]":
            return
        line += text.count("\n", counted, at)
        counted = at
        try:
            value, at = decoder.raw_decode(text, at)
        except json.JSONDecodeError as exc:
            yield Rejection(source, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")
            return
        yield line, value
        at = _skip_space(text, at)
        if at < len(text) and text[at] == ",":
            at += 1
        elif at < len(text) and text[at] == "]":
            return
        else:
            where = text.count("\n", 0, at) + 1
            yield Rejection(source, where, "not valid JSON: expected ',' or ']' after an item")
            return


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at
